import { escapeUTF8 } from 'entities';
import { describeRecords } from '../../core/run/cost';
import type { OutputDocument } from '../../core/run/types';

/**
 * The preview webview's page, built as a string without the vscode module so a unit test can check it.
 * Every value from a record passes through escapeHtml; the page runs no script at all, and its
 * Content-Security-Policy allows only the one style block that carries the nonce.
 */

export interface PreviewPage {
  title: string;
  /** One line about the sample: records read, documents made, skips. */
  summary: string;
  documents: readonly OutputDocument[];
  /** The redaction masks of the job ("[REDACTED]"): shown highlighted wherever they replaced text. */
  masks: readonly string[];
  /** What each document costs in XM Discover feedback records, in the order of `documents`. */
  costs?: readonly number[];
  /** Why this job cannot be previewed; shown instead of the table. */
  problem?: string;
  /** Skips and warnings of the preview, as sentences. */
  notices: readonly string[];
  /** Fresh for each page, so only this page's style block is allowed. */
  nonce: string;
  /** The webview's cspSource (webview.cspSource). */
  cspSource: string;
}

/** Escapes &, <, >, " and ' : enough for text and for double-quoted attribute values. */
export const escapeHtml = (value: string): string => escapeUTF8(value);

/** Any record value as text: strings as they are, everything else as JSON. */
function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Escapes the text and wraps every occurrence of a redaction mask in <mark>, so masked parts stand out. */
export function withMasksMarked(text: string, masks: readonly string[]): string {
  const wanted = [...new Set(masks.filter((mask) => mask.length > 0))].sort((a, b) => b.length - a.length);
  if (wanted.length === 0) return escapeHtml(text);
  let html = '';
  let at = 0;
  while (at < text.length) {
    let next = -1;
    let found = '';
    for (const mask of wanted) {
      const index = text.indexOf(mask, at);
      if (index >= 0 && (next < 0 || index < next)) {
        next = index;
        found = mask;
      }
    }
    if (next < 0) break;
    html += `${escapeHtml(text.slice(at, next))}<mark class="redacted">${escapeHtml(found)}</mark>`;
    at = next + found.length;
  }
  return html + escapeHtml(text.slice(at));
}

/** Participants take theme chart colours in the order they first appear; the page defines p0…p5. */
const PARTICIPANT_CLASSES = 6;

function conversationHtml(document: OutputDocument, masks: readonly string[]): string {
  const conversation = document.conversation;
  if (!conversation) return '';
  const index = new Map(conversation.participants.map((p, i) => [p.id, i]));
  const turns = conversation.turns.map((turn) => {
    const position = index.get(turn.participantId) ?? -1;
    const participant = conversation.participants[position];
    const colour = position >= 0 ? `p${position % PARTICIPANT_CLASSES}` : 'unknown';
    const who = participant ? `${participant.name || participant.id} (${participant.type.toLowerCase()})` : turn.participantId;
    const when = turn.timestamp ?? `+${turn.offsetSeconds}s`;
    return `<li class="turn ${colour}"><span class="who">${escapeHtml(who)}</span> <span class="when">${escapeHtml(when)}</span><div class="text">${withMasksMarked(turn.text, masks)}</div></li>`;
  });
  return `<ol class="conversation">${turns.join('')}</ol>`;
}

/** A tooltip holds this much of a clipped value; the rest of a very long value is left to the output file. */
const TOOLTIP_CHARACTERS = 2000;

/**
 * A value shown on one line, cut with an ellipsis when its column is too narrow; the tooltip holds the
 * whole value (up to TOOLTIP_CHARACTERS), so nothing is broken in the middle of a word.
 */
function clipped(text: string, html: string, className = 'clip'): string {
  return `<span class="${className}" title="${escapeHtml(text.slice(0, TOOLTIP_CHARACTERS))}">${html}</span>`;
}

/**
 * Field names and values as a two-column list. Verbatims (`wrap`) are prose and wrap between words;
 * attributes are short values kept on one line, clipped with a tooltip.
 */
function fieldsHtml(values: Record<string, unknown>, masks: readonly string[], wrap: boolean): string {
  const entries = Object.entries(values);
  if (entries.length === 0) return '';
  const item = ([name, value]: [string, unknown]) => {
    const text = textOf(value);
    const valueHtml = withMasksMarked(text, masks);
    return `<dt>${clipped(name, escapeHtml(name))}</dt><dd>${wrap ? valueHtml : clipped(text, valueHtml)}</dd>`;
  };
  return `<dl class="${wrap ? 'prose' : 'values'}">${entries.map(item).join('')}</dl>`;
}

function documentRow(document: OutputDocument, masks: readonly string[], cost: number | undefined): string {
  const costHtml = cost === undefined ? '' : `<div class="cost">${escapeHtml(describeRecords(cost))}</div>`;
  const id = textOf(document.natural_id);
  const date = textOf(document.document_date);
  return [
    '<tr>',
    `<td class="id">${clipped(id, escapeHtml(id))}<div class="date">${clipped(date, escapeHtml(date))}</div>${costHtml}</td>`,
    `<td class="main">${fieldsHtml(document.verbatims, masks, true)}${conversationHtml(document, masks)}</td>`,
    `<td class="attributes">${fieldsHtml(document.attributes, masks, false)}</td>`,
    '</tr>',
  ].join('');
}

export function previewHtml(page: PreviewPage): string {
  const nonce = escapeHtml(page.nonce);
  // Built from the nonce (base64) and VS Code's own cspSource, neither of which holds a double quote.
  const csp = `default-src 'none'; style-src ${page.cspSource} 'nonce-${nonce}'; img-src ${page.cspSource}; font-src ${page.cspSource}`;
  const rows = page.documents.map((document, index) => documentRow(document, page.masks, page.costs?.[index])).join('\n');
  const notices = page.notices.length === 0 ? '' : `<ul class="notices">${page.notices.map((notice) => `<li>${escapeHtml(notice)}</li>`).join('')}</ul>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(page.title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(page.title)}</h1>
${page.summary ? `<p class="summary">${escapeHtml(page.summary)}</p>` : ''}
${notices}
${page.problem !== undefined ? `<p class="problem">${escapeHtml(page.problem)}</p>` : page.documents.length === 0 ? '<p class="empty">The sample made no documents.</p>' : `<div class="table-scroll"><table><thead><tr><th class="id">natural_id and date</th><th>verbatims and conversation</th><th class="attributes">attributes</th></tr></thead><tbody>\n${rows}\n</tbody></table></div>`}
</body>
</html>
`;
}

/** Theme colours only (VS Code's CSS variables), so the page follows light, dark and high-contrast themes. */
const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 16px; }
h1 { font-size: 1.3em; font-weight: 600; }
.summary { color: var(--vscode-descriptionForeground); }
.notices { color: var(--vscode-editorWarning-foreground); }
.problem { color: var(--vscode-errorForeground); }
/* Columns never break a word: short values stay on one line (clipped, with a tooltip), prose wraps between
   words, and a panel too narrow for the table scrolls sideways instead of squeezing it. */
.table-scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; min-width: 44em; table-layout: fixed; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); }
th { color: var(--vscode-descriptionForeground); font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
th.id, td.id { font-family: var(--vscode-editor-font-family); width: 11em; }
td.main { overflow-x: auto; }
td.id .date, td.id .cost { color: var(--vscode-descriptionForeground); }
th.attributes, td.attributes { width: 30%; }
.clip { display: block; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
dl { margin: 0; display: grid; grid-template-columns: minmax(4em, max-content) minmax(6em, 1fr); gap: 2px 8px; }
dl.prose { grid-template-columns: minmax(4em, 9em) minmax(10em, 1fr); }
dl.values { grid-template-columns: minmax(4em, 45%) minmax(4em, 1fr); }
dt { color: var(--vscode-symbolIcon-fieldForeground, var(--vscode-descriptionForeground)); min-width: 0; }
dd { margin: 0; min-width: 0; }
dl.prose dd { white-space: pre-wrap; overflow-wrap: normal; word-break: normal; }
mark.redacted { background: var(--vscode-editor-findMatchHighlightBackground); color: inherit; border: 1px solid var(--vscode-editorWarning-foreground); border-radius: 2px; }
ol.conversation { list-style: none; margin: 6px 0 0; padding: 0; }
.turn { margin: 4px 0; padding: 4px 8px; border-left: 3px solid var(--vscode-descriptionForeground); background: var(--vscode-textBlockQuote-background); }
.turn .who { font-weight: 600; }
.turn .when { color: var(--vscode-descriptionForeground); font-size: 0.9em; white-space: nowrap; }
.turn .text { white-space: pre-wrap; overflow-wrap: normal; word-break: normal; }
.p0 { border-left-color: var(--vscode-charts-blue); } .p0 .who { color: var(--vscode-charts-blue); }
.p1 { border-left-color: var(--vscode-charts-green); } .p1 .who { color: var(--vscode-charts-green); }
.p2 { border-left-color: var(--vscode-charts-orange); } .p2 .who { color: var(--vscode-charts-orange); }
.p3 { border-left-color: var(--vscode-charts-purple); } .p3 .who { color: var(--vscode-charts-purple); }
.p4 { border-left-color: var(--vscode-charts-yellow); } .p4 .who { color: var(--vscode-charts-yellow); }
.p5 { border-left-color: var(--vscode-charts-red); } .p5 .who { color: var(--vscode-charts-red); }
`;
