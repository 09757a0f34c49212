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

function fieldsHtml(values: Record<string, unknown>, masks: readonly string[]): string {
  const entries = Object.entries(values);
  if (entries.length === 0) return '';
  return `<dl>${entries.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${withMasksMarked(textOf(value), masks)}</dd>`).join('')}</dl>`;
}

function documentRow(document: OutputDocument, masks: readonly string[], cost: number | undefined): string {
  const costHtml = cost === undefined ? '' : `<div class="cost">${escapeHtml(describeRecords(cost))}</div>`;
  return [
    '<tr>',
    `<td class="id">${escapeHtml(textOf(document.natural_id))}<div class="date">${escapeHtml(textOf(document.document_date))}</div>${costHtml}</td>`,
    `<td class="main">${fieldsHtml(document.verbatims, masks)}${conversationHtml(document, masks)}</td>`,
    `<td class="attributes">${fieldsHtml(document.attributes, masks)}</td>`,
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
<p class="summary">${escapeHtml(page.summary)}</p>
${notices}
${page.documents.length === 0 ? '<p class="empty">The sample made no documents.</p>' : `<table><thead><tr><th class="id">natural_id and date</th><th>verbatims and conversation</th><th class="attributes">attributes</th></tr></thead><tbody>\n${rows}\n</tbody></table>`}
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
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); }
th { color: var(--vscode-descriptionForeground); font-weight: 600; }
th.id, td.id { font-family: var(--vscode-editor-font-family); width: 20%; overflow-wrap: anywhere; }
td.id .date, td.id .cost { color: var(--vscode-descriptionForeground); }
th.attributes, td.attributes { width: 30%; }
dl { margin: 0; display: grid; grid-template-columns: fit-content(50%) minmax(0, 1fr); gap: 2px 8px; }
dt { color: var(--vscode-symbolIcon-fieldForeground, var(--vscode-descriptionForeground)); overflow-wrap: anywhere; }
dd { margin: 0; white-space: pre-wrap; overflow-wrap: break-word; min-width: 4em; }
mark.redacted { background: var(--vscode-editor-findMatchHighlightBackground); color: inherit; border: 1px solid var(--vscode-editorWarning-foreground); border-radius: 2px; }
ol.conversation { list-style: none; margin: 6px 0 0; padding: 0; }
.turn { margin: 4px 0; padding: 4px 8px; border-left: 3px solid var(--vscode-descriptionForeground); background: var(--vscode-textBlockQuote-background); }
.turn .who { font-weight: 600; }
.turn .when { color: var(--vscode-descriptionForeground); font-size: 0.9em; overflow-wrap: anywhere; }
.turn .text { white-space: pre-wrap; }
.p0 { border-left-color: var(--vscode-charts-blue); } .p0 .who { color: var(--vscode-charts-blue); }
.p1 { border-left-color: var(--vscode-charts-green); } .p1 .who { color: var(--vscode-charts-green); }
.p2 { border-left-color: var(--vscode-charts-orange); } .p2 .who { color: var(--vscode-charts-orange); }
.p3 { border-left-color: var(--vscode-charts-purple); } .p3 .who { color: var(--vscode-charts-purple); }
.p4 { border-left-color: var(--vscode-charts-yellow); } .p4 .who { color: var(--vscode-charts-yellow); }
.p5 { border-left-color: var(--vscode-charts-red); } .p5 .who { color: var(--vscode-charts-red); }
`;
