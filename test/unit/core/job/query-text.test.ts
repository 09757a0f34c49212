import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { decodedStringOffsets, queryTextOf } from '../../../../src/core/job/query-text';
import { analyzeSoql } from '../../../../src/core/soql';

function queryNode(document: string): Node {
  const tree = parseTree(document);
  assert.ok(tree, 'the document parses');
  const node = findNodeAtLocation(tree, ['query']);
  assert.ok(node, 'the document has a query');
  return node;
}

/** The decoded character(s) the raw text between two document offsets stands for. */
function decodeRaw(raw: string): string {
  return JSON.parse(`"${raw}"`) as string;
}

/** One UTF-16 unit (lone surrogates included) written in any of the ways JSON allows. */
const writtenChar = fc
  .tuple(fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), fc.constantFrom('plain', 'unicode', 'upperUnicode'))
  .map(([ch, style]) => {
    const plain = JSON.stringify(ch).slice(1, -1);
    if (style === 'plain') return { ch, raw: plain };
    const hex = ch.charCodeAt(0).toString(16).padStart(4, '0');
    return { ch, raw: `\\u${style === 'upperUnicode' ? hex.toUpperCase() : hex}` };
  });

describe('decodedStringOffsets', () => {
  it('decodes the value jsonc-parser decodes, for any string JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const document = `{ "query": ${JSON.stringify(value)} }`;
        const node = queryNode(document);
        const decoded = decodedStringOffsets(document, node);
        assert.equal(decoded.value, value);
        assert.equal(decoded.value, node.value);
      }),
    );
  });

  it('maps every decoded character back to the document characters that write it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const document = `{"query":${JSON.stringify(value)}}`;
        const { offsets } = decodedStringOffsets(document, queryNode(document));
        assert.equal(offsets.length, value.length + 1);
        for (let i = 0; i < value.length; i++) {
          assert.equal(decodeRaw(document.slice(offsets[i], offsets[i + 1])), value[i], `character ${i}`);
        }
        assert.equal(document[offsets[value.length]], '"', 'the end maps to the closing quote');
      }),
    );
  });

  it('maps characters written as \\u escapes, in either case, and escaped surrogate pairs', () => {
    fc.assert(
      fc.property(fc.array(writtenChar, { maxLength: 30 }), (chars) => {
        const value = chars.map((c) => c.ch).join('');
        const document = `{\n  "query": "${chars.map((c) => c.raw).join('')}"\n}`;
        const { value: decoded, offsets } = decodedStringOffsets(document, queryNode(document));
        assert.equal(decoded, value);
        for (let i = 0; i < chars.length; i++) assert.equal(document.slice(offsets[i], offsets[i + 1]), chars[i].raw);
      }),
    );
  });

  it('gives an emoji written as two \\u escapes one offset per UTF-16 unit', () => {
    const document = '{"query": "a\\ud83d\\ude00b"}';
    const { value, offsets } = decodedStringOffsets(document, queryNode(document));
    assert.equal(value, 'a\u{1F600}b');
    assert.deepEqual(offsets.map((o) => document[o]), ['a', '\\', '\\', 'b', '"']);
    assert.equal(offsets[2] - offsets[1], 6);
  });

  it('decodes every short escape JSON has, each from its backslash', () => {
    const document = String.raw`{"query": "a\/b\bc\fd\re\tf\ng\"h\\i"}`;
    const { value, offsets } = decodedStringOffsets(document, queryNode(document));
    assert.equal(value, 'a/b\bc\fd\re\tf\ng"h\\i');
    assert.deepEqual(
      offsets.slice(0, value.length).filter((_, i) => i % 2 === 1).map((o) => document.slice(o, o + 2)),
      ['\\/', '\\b', '\\f', '\\r', '\\t', '\\n', '\\"', '\\\\'],
    );
  });

  it('decodes a malformed escape as written instead of throwing', () => {
    const document = '{"query": "a\\qb\\u12"}';
    const { value, offsets } = decodedStringOffsets(document, queryNode(document));
    assert.equal(value, 'aqbu12');
    assert.equal(offsets.length, value.length + 1);
  });
});

describe('queryTextOf', () => {
  it('reads a single string as the query', () => {
    const document = '{"query": "SELECT Id\\nFROM Case"}';
    const query = queryTextOf(document, queryNode(document));
    assert.equal(query?.text, 'SELECT Id\nFROM Case');
    const from = query.text.indexOf('FROM');
    assert.equal(document.slice(query.toDocumentOffset(from), query.toDocumentOffset(from + 4)), 'FROM');
  });

  it('joins the lines of an array with "\\n" and maps each line into its own string', () => {
    const document = '{\n  "query": [\n    "SELECT Id,",\n    "  \\"x\\" y",\n    "FROM Case"\n  ]\n}';
    const query = queryTextOf(document, queryNode(document));
    assert.ok(query);
    assert.equal(query.text, 'SELECT Id,\n  "x" y\nFROM Case');
    const from = query.text.indexOf('FROM');
    const range = query.toDocumentRange(from, from + 4);
    assert.equal(document.slice(range.start, range.end), 'FROM');
    const quoted = query.text.indexOf('"x"');
    const escaped = query.toDocumentRange(quoted, quoted + 3);
    assert.equal(document.slice(escaped.start, escaped.end), '\\"x\\"');
  });

  it('ends a range that stops at a line end on that line, not on the next string', () => {
    const document = '{"query": ["SELECT Id", "FROM Case"]}';
    const query = queryTextOf(document, queryNode(document));
    assert.ok(query);
    const range = query.toDocumentRange(0, 'SELECT Id'.length);
    assert.equal(document.slice(range.start, range.end), 'SELECT Id');
    const withNewline = query.toDocumentRange(7, 'SELECT Id\n'.length);
    assert.equal(document.slice(withNewline.start, withNewline.end), 'Id');
  });

  it('maps a range across lines from the first string into the last', () => {
    const document = '{"query": ["SELECT Id", "FROM", "Case"]}';
    const query = queryTextOf(document, queryNode(document));
    assert.ok(query);
    const range = query.toDocumentRange(7, query.text.length);
    assert.equal(document.slice(range.start, range.end), 'Id", "FROM", "Case');
  });

  it('maps every character of random array queries back to the document', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { minLength: 1, maxLength: 5 }), fc.boolean(), (lines, pretty) => {
        const document = pretty ? JSON.stringify({ name: 'x', query: lines }, null, 2) : JSON.stringify({ query: lines });
        const query = queryTextOf(document, queryNode(document));
        assert.ok(query);
        assert.equal(query.text, lines.join('\n'));
        for (let i = 0; i < query.text.length; i++) {
          const at = query.toDocumentOffset(i);
          if (query.text[i] === '\n' && document[at] === '"') continue;
          const range = query.toDocumentRange(i, i + 1);
          assert.equal(decodeRaw(document.slice(range.start, range.end)), query.text[i], `character ${i}`);
        }
      }),
    );
  });

  it('reads an array with comments and a trailing comma between its lines (JSONC)', () => {
    const document = '{\r\n  "query": [\r\n    "SELECT Id", // the key\r\n    /* then */ "FROM Case",\r\n  ],\r\n}';
    const query = queryTextOf(document, queryNode(document));
    assert.ok(query);
    assert.equal(query.text, 'SELECT Id\nFROM Case');
    const range = query.toDocumentRange(query.text.indexOf('Case'), query.text.length);
    assert.equal(document.slice(range.start, range.end), 'Case');
  });

  it('returns undefined for a query that is neither a string nor an array of strings', () => {
    for (const document of ['{"query": 5}', '{"query": ["SELECT Id", 3]}', '{"query": {}}']) {
      assert.equal(queryTextOf(document, queryNode(document)), undefined, document);
    }
  });

  it('reads an empty array as an empty query mapped to the array', () => {
    const document = '{"query": []}';
    const query = queryTextOf(document, queryNode(document));
    assert.equal(query?.text, '');
    const inside = document.indexOf('[') + 1;
    assert.deepEqual(query.toDocumentRange(0, 0), { start: inside, end: inside });
  });

  it('puts an analyzer problem on the GROUP BY words of the file when they sit on two escaped lines', () => {
    const document = String.raw`{
  "query": [
    "SELECT OwnerId FROM Case WHERE\tSubject = 'it\\'s \u00e9' GROUP",
    "  BY OwnerId"
  ]
}`;
    const query = queryTextOf(document, queryNode(document));
    assert.ok(query);
    const [problem] = analyzeSoql(query.text).problems;
    assert.equal(problem.code, 'soql-group-by');
    const range = query.toDocumentRange(problem.start, problem.end);
    assert.equal(document.slice(range.start, range.end), 'GROUP",\n    "  BY');
    assert.equal(query.text.slice(problem.start - 10, problem.start), "'it\\'s \u00e9' ");
  });
});
