import type { Random } from '../random';
import { PRODUCTS } from './vocabulary';

export interface Persona {
  first: string;
  last: string;
}

export function emailOf(person: Persona, domain = 'example.com'): string {
  const local = `${person.first}.${person.last}`.normalize('NFD').replace(/[^A-Za-z.]/g, '').toLowerCase();
  return `${local}@${domain}`;
}

export function phoneOf(random: Random): string {
  return `+1 (${random.int(201, 989)}) 555-${random.digits(4)}`;
}

/** A 16-digit number shaped like a card number (test ranges only), to give redaction rules something to find. */
export function cardNumberOf(random: Random): string {
  return `4111 ${random.digits(4)} ${random.digits(4)} ${random.digits(4)}`;
}

/** Fills `{email}`, `{phone}`, `{card}`, `{card4}`, `{first}`, `{product}`, `{order}` and any extra names given. */
export function fillTemplate(template: string, random: Random, person: Persona, extra: Record<string, string> = {}): string {
  if (!template.includes('{')) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (key in extra) return extra[key]!;
    switch (key) {
      case 'email':
        return emailOf(person, random.pick(['example.com', 'mail.example.org', 'inbox.example.net']));
      case 'phone':
        return phoneOf(random);
      case 'card':
        return cardNumberOf(random);
      case 'card4':
        return random.digits(4);
      case 'first':
        return person.first;
      case 'product':
        return random.pick(PRODUCTS);
      case 'order':
        return `${random.int(100000, 999999)}`;
      default:
        return whole;
    }
  });
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text the way chat transcript bodies store it. */
export function escapeHtml(text: string): string {
  return /[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!) : text;
}
