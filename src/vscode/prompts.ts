import * as vscode from 'vscode';

/**
 * The input boxes and quick picks the commands ask through. In-editor tests cannot type into VS Code's
 * quick input, so they queue answers here (through the extension's API): each queued answer replaces
 * the next prompt's reply, and the prompt itself is recorded so the test can check what was asked.
 * Everything else the command does (loading, storing, signing in) runs as it would for a person.
 */

interface ScriptedReplies {
  answers: (string | undefined)[];
  asked: string[];
}

let scripted: ScriptedReplies | undefined;

/** Queues replies for the next prompts; returns the list the prompts' texts are recorded in. */
export function answerNextPrompts(answers: readonly (string | undefined)[]): { asked: string[] } {
  scripted = { answers: [...answers], asked: [] };
  return scripted;
}

function scriptedReply(prompt: string): { reply: string | undefined } | undefined {
  if (!scripted || scripted.answers.length === 0) return undefined;
  scripted.asked.push(prompt);
  return { reply: scripted.answers.shift() };
}

export async function askInput(options: vscode.InputBoxOptions): Promise<string | undefined> {
  const replied = scriptedReply(options.prompt ?? options.title ?? '');
  if (replied) return replied.reply;
  return vscode.window.showInputBox(options);
}

export async function pickOne(items: readonly string[], options: vscode.QuickPickOptions): Promise<string | undefined> {
  const replied = scriptedReply(options.title ?? options.placeHolder ?? '');
  if (replied) return replied.reply !== undefined && items.includes(replied.reply) ? replied.reply : undefined;
  return vscode.window.showQuickPick([...items], options);
}

/**
 * A modal question with buttons (VS Code adds Cancel). A scripted answer is the title of the button to
 * choose; any other answer, or none, cancels.
 */
export async function askModal(message: string, detail: string, buttons: readonly string[]): Promise<string | undefined> {
  const replied = scriptedReply(message);
  if (replied) return replied.reply !== undefined && buttons.includes(replied.reply) ? replied.reply : undefined;
  return vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);
}
