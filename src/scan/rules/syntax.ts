// Regex fragments shared by the keyword-anchored rules (Mistral, Cohere, Azure, Twilio) and the
// generic rule: how a name is assigned a value in the common syntaxes. Plain strings, written
// without nested quantifiers and with bounded repeats so every rule runs in linear time.

/** Left boundary: the secret is not glued to more key characters. */
export const B = '(?<![A-Za-z0-9_-])';
/** Right boundary. */
export const E = '(?![A-Za-z0-9_-])';

/**
 * A quote, or a quote escaped inside another string: `\"` in JSON and notebook sources, `\\\"`
 * for JSON inside a notebook cell.
 */
export const QUOTE = `\\\\{0,3}["'\\x60]`;

/**
 * The end of a name and its assignment operator: `NAME=`, `name = `, `name: `, `"name": `,
 * `'name' => `, `name := `, `headers['name'] = `, `name ?= `, `\"name\": ` in a notebook, and
 * the XML forms `<string name="name">` and `<add key="name" value="`. Never `==`.
 */
export const ASSIGN = `(?:${QUOTE}(?:[\\t ]{1,4}value)?)?\\]?[\\t ]{0,4}(?:=>|:=|\\?=|=(?!=)|:|(?<=["'])>)[\\t ]{0,4}`;

/** `name` (a regex source) followed by up to 40 more name characters and an operator. */
export function nameAssigned(name: string): string {
  return `${name}[\\w.-]{0,40}${ASSIGN}`;
}

/**
 * A value, quoted or bare, after any of `contexts` (regex sources that end where the value
 * starts). `value` holds the named group `secret`; the quote that opens it must close it, and a
 * bare value must not run on into more key characters.
 */
export function valueAfter(contexts: string[], value: string): string {
  return `(?:${contexts.join('|')})(?<q>(?:${QUOTE})?)${value}\\k<q>${E}`;
}
