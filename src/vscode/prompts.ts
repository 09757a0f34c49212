import * as vscode from 'vscode';
import { editorText, remediesIn } from '../core/remedies';

export type NoticeKind = 'info' | 'warn' | 'error';

/** A button on a notification: its title and what it does when chosen. */
export interface NoticeAction {
  title: string;
  run(): unknown;
}

/** A notification as it was shown, for whoever needs to know what the person saw (the in-editor tests). */
export interface ShownNotice {
  kind: NoticeKind;
  message: string;
  buttons: string[];
  /**
   * Settles once the person chose a button (or dismissed the notification) and that button's action
   * finished, with what the action returned; undefined when nothing was chosen.
   */
  followUp: Promise<unknown>;
}

/**
 * The editor's one way to ask and to tell: input boxes, quick picks and notifications. Every message
 * passes through the remedy table (src/core/remedies.ts), so it names the editor's commands and never
 * a CLI command the editor does not offer. In-editor tests cannot type into VS Code's quick input or
 * click a notification, so they queue answers and button choices here: each queued answer replaces the
 * next prompt's reply, and everything shown is recorded. Everything else runs as it would for a person.
 */
export class EditorPrompts {
  private answers: (string | undefined)[] = [];
  private asked: string[] = [];
  private choices: (string | undefined)[] = [];
  private readonly notices: ShownNotice[] = [];

  /** Queues replies for the next prompts; returns the list the prompts' texts are recorded in. */
  answerNextPrompts(answers: readonly (string | undefined)[]): { asked: string[] } {
    this.answers = [...answers];
    this.asked = [];
    return { asked: this.asked };
  }

  /** Queues the buttons the next notifications with buttons are answered with (undefined dismisses one). */
  chooseNextButtons(choices: readonly (string | undefined)[]): void {
    this.choices = [...choices];
  }

  /** Every notification shown in this window, oldest first. */
  shown(): readonly ShownNotice[] {
    return [...this.notices];
  }

  private scriptedReply(prompt: string): { reply: string | undefined } | undefined {
    if (this.answers.length === 0) return undefined;
    this.asked.push(prompt);
    return { reply: this.answers.shift() };
  }

  async askInput(options: vscode.InputBoxOptions): Promise<string | undefined> {
    const replied = this.scriptedReply(options.prompt ?? options.title ?? '');
    if (replied) return replied.reply;
    return vscode.window.showInputBox(options);
  }

  async pickOne(items: readonly string[], options: vscode.QuickPickOptions): Promise<string | undefined> {
    const replied = this.scriptedReply(options.title ?? options.placeHolder ?? '');
    if (replied) return replied.reply !== undefined && items.includes(replied.reply) ? replied.reply : undefined;
    return vscode.window.showQuickPick([...items], options);
  }

  /** A quick pick of items with details; a scripted answer picks the item whose label starts with it. */
  async pickItem<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    const replied = this.scriptedReply(options.title ?? options.placeHolder ?? '');
    if (replied) return replied.reply === undefined ? undefined : items.find((item) => item.label.replace(/^\$\([^)]*\)\s*/, '').startsWith(replied.reply ?? ''));
    return vscode.window.showQuickPick([...items], options);
  }

  /**
   * Shows a notification worded for the editor, with buttons. It does not wait for the person: the
   * returned record's followUp settles when a button was chosen and its action has run.
   */
  notify(kind: NoticeKind, message: string, offered: readonly NoticeAction[] = []): ShownNotice {
    let actions = offered;
    const text = editorText(message.startsWith('sfjob') ? message : `sfjob: ${message}`);
    // A remedy the message names becomes a button that does it, unless the caller offers it already.
    const named: NoticeAction[] = remediesIn(message).flatMap(({ remedy, arg }) => {
      const command = remedy.command;
      if (!command || actions.some((action) => action.title === command.title)) return [];
      return [{ title: command.title, run: () => vscode.commands.executeCommand(command.id, ...(remedy.id === 'authorize' && arg ? [arg] : [])) }];
    });
    actions = [...named, ...actions];
    const titles = actions.map((action) => action.title);
    const show = kind === 'error' ? vscode.window.showErrorMessage : kind === 'warn' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    const shown = Promise.resolve(show(text, ...titles));
    const scripted = titles.length > 0 && this.choices.length > 0 ? { choice: this.choices.shift() } : undefined;
    const chosen = scripted ? Promise.resolve(scripted.choice) : shown;
    const followUp = chosen.then((choice) => actions.find((action) => action.title === choice)?.run());
    // A failing action has already told the person why; the record must not turn it into an unhandled rejection.
    followUp.catch(() => undefined);
    const notice: ShownNotice = { kind, message: text, buttons: titles, followUp };
    this.notices.push(notice);
    return notice;
  }
}

const WORDED = new Set(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

/**
 * The output channel as the editor's commands write to it: every text line passes through the remedy
 * table, so the log, too, names the editor's commands rather than the CLI's.
 */
export function editorWordedChannel(channel: vscode.LogOutputChannel): vscode.LogOutputChannel {
  return new Proxy(channel, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (typeof property === 'string' && WORDED.has(property)) {
        return (message: unknown, ...rest: unknown[]) => method.call(target, typeof message === 'string' ? editorText(message) : message, ...rest);
      }
      return method.bind(target);
    },
  });
}
