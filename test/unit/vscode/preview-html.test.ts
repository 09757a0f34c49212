import * as assert from 'node:assert';
import type { OutputDocument } from '../../../src/core/run/types';
import { escapeHtml, previewHtml, withMasksMarked } from '../../../src/vscode/preview/html';

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</td></tr></table><iframe src="https://evil.example">',
  '&lt;already escaped&gt; & <b>bold</b>',
  '<style>body{display:none}</style>',
];

function documentWith(value: string): OutputDocument {
  return {
    natural_id: value,
    document_date: value,
    feedback_provider: 'salesforce',
    source_value: value,
    feedback_type: 'chat',
    job_name: value,
    project: value,
    loadDate: '2026-11-28',
    attributes: { [value]: value, count: 3, nested: { html: value } },
    verbatims: { [value]: `${value} [REDACTED] ${value}` },
    conversation: {
      participants: [
        { id: value, type: 'AGENT', name: value },
        { id: 'visitor', type: 'CLIENT', name: 'Vic' },
      ],
      turns: [
        { participantId: value, text: value, offsetSeconds: 0, timestamp: value },
        { participantId: 'visitor', text: `my card is [REDACTED] ${value}`, offsetSeconds: 5 },
        { participantId: 'nobody', text: value, offsetSeconds: 9 },
      ],
    },
  };
}

function page(documents: OutputDocument[], extra: Partial<Parameters<typeof previewHtml>[0]> = {}): string {
  return previewHtml({ title: 'Preview: chats', summary: '3 sample records', documents, masks: ['[REDACTED]'], notices: [], nonce: 'bm9uY2U=', cspSource: 'https://webview.example', ...extra });
}

/** The markup the page itself writes: every tag name that appears outside of escaped text. */
function tagsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1].toLowerCase()));
}

describe('the preview page', () => {
  it('escapes hostile record values wherever they appear', () => {
    const clean = tagsOf(page([documentWith('plain')], { notices: ['plain'] }));
    for (const value of HOSTILE) {
      const html = page([documentWith(value)], { title: value, summary: value, notices: [value] });
      // No value adds a tag or an attribute: the page has exactly the tags of a page built from plain text.
      assert.deepStrictEqual(tagsOf(html), clean, value);
      assert.ok(!html.includes(value), `${value} appears unescaped`);
      assert.ok(html.includes(escapeHtml(value)), `${value} is missing from the page`);
      // Quoted attribute values (tooltips) are text: a value cannot close its quotes, since " is escaped.
      assert.doesNotMatch(html.replace(/"[^"]*"/g, '""'), /<[a-z][^<>]*\son[a-z]+=/i, 'an event handler attribute made it into a tag');
    }
  });

  it('marks the redaction masks in verbatims and turns, escaping the text around them', () => {
    const html = withMasksMarked('<b>card</b> [REDACTED] and [SECRET]', ['[REDACTED]', '[SECRET]', '']);
    assert.strictEqual(html, '&lt;b&gt;card&lt;/b&gt; <mark class="redacted">[REDACTED]</mark> and <mark class="redacted">[SECRET]</mark>');
    assert.strictEqual(withMasksMarked('a < b', []), 'a &lt; b');
    assert.strictEqual((page([documentWith('x')]).match(/<mark class="redacted">\[REDACTED\]<\/mark>/g) ?? []).length, 2);
  });

  it('escapes a mask that itself looks like markup', () => {
    assert.strictEqual(withMasksMarked('x <hidden> y', ['<hidden>']), 'x <mark class="redacted">&lt;hidden&gt;</mark> y');
  });

  it('colours turns by participant, in order of appearance', () => {
    const html = page([documentWith('agent-1')]);
    assert.match(html, /<li class="turn p0"><span class="who">agent-1 \(agent\)<\/span>/);
    assert.match(html, /<li class="turn p1"><span class="who">Vic \(client\)<\/span>/);
    assert.match(html, /<li class="turn unknown"><span class="who">nobody<\/span>/);
  });

  it('allows nothing but its own style block: no scripts, default-src none, the nonce on the style', () => {
    const html = page([documentWith('x')]);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(csp);
    assert.match(csp, /^default-src 'none';/);
    assert.match(csp, /style-src https:\/\/webview\.example 'nonce-bm9uY2U='/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|script-src/);
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /<style nonce="bm9uY2U=">/);
    assert.doesNotMatch(html, /style="/);
  });

  it('uses theme colours only', () => {
    const style = /<style[^>]*>([\s\S]*)<\/style>/.exec(page([]))?.[1] ?? '';
    assert.match(style, /var\(--vscode-editor-background\)/);
    assert.doesNotMatch(style, /#[0-9a-fA-F]{3,8}\b|rgb\(/);
  });

  it('keeps short values on one line with the whole value in a tooltip, and wraps verbatims between words only', () => {
    const long = `${'CASE-'.repeat(40)}end`;
    const html = page([{ ...documentWith('x'), natural_id: long, attributes: { owner_email: 'someone.with.a.long.name@example.com' } }]);
    assert.ok(html.includes(`<td class="id"><span class="clip" title="${long}">${long}</span>`), 'the natural_id is not clipped with a tooltip');
    assert.ok(html.includes('<dd><span class="clip" title="someone.with.a.long.name@example.com">someone.with.a.long.name@example.com</span></dd>'));
    assert.match(html, /<dl class="prose"><dt><span class="clip" title="x">x<\/span><\/dt><dd>x <mark/);
    const style = /<style[^>]*>([\s\S]*)<\/style>/.exec(html)?.[1] ?? '';
    assert.doesNotMatch(style, /overflow-wrap:\s*(anywhere|break-word)|word-break:\s*break-(all|word)/, 'a rule breaks words');
    assert.match(style, /\.clip \{[^}]*white-space: nowrap;[^}]*text-overflow: ellipsis;/);
    assert.match(style, /\.table-scroll \{ overflow-x: auto; \}/);
  });

  it('cuts a very long tooltip, keeping the value itself whole', () => {
    const long = 'a'.repeat(5000);
    const html = page([{ ...documentWith('x'), attributes: { note: long } }]);
    assert.ok(html.includes(`title="${'a'.repeat(2000)}">${long}</span>`));
  });

  it('shows why a job cannot be previewed instead of a table', () => {
    const html = page([], { problem: 'jobs/a.sfjob.json has errors; fix them <first>.', summary: '' });
    assert.match(html, /<p class="problem">jobs\/a\.sfjob\.json has errors; fix them &lt;first&gt;\.<\/p>/);
    assert.doesNotMatch(html, /<table|class="summary"|made no documents/);
  });

  it('says so when the sample made no documents', () => {
    assert.match(page([]), /The sample made no documents\./);
  });
});

describe('the preview page shows what each document costs', () => {
  it('puts each document its feedback records beside its natural_id', () => {
    const html = page([documentWith('one'), documentWith('two')], { costs: [0.25, 3] });
    assert.ok(html.includes('<div class="cost">0.25 feedback records</div>'), html);
    assert.ok(html.includes('<div class="cost">3 feedback records</div>'), html);
    assert.ok(!page([documentWith('one')]).includes('class="cost"'));
  });
});
