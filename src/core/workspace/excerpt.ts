/**
 * A short piece of a file for an error message, with every control character escaped, so a message
 * never carries more than a glimpse of a file, nor anything a terminal or a CI log would act on.
 */
export function excerpt(text: string, max = 40): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (code === 10) return '\\n';
    if (code === 13) return '\\r';
    if (code === 9) return '\\t';
    return `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
