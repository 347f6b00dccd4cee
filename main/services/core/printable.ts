// Values from files (replica labels, file names, record text) end up on terminals and in messages: they are
// printed without control characters (issue #11, item 14), so a crafted label cannot move the cursor, clear
// the screen, retitle the terminal or reverse the text around it. Newlines and tabs of our own output stay.

// C0 (but \t and \n), DEL, C1, and the bidirectional overrides/isolates.
// oxlint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// oxlint-disable-next-line no-control-regex
const CONTROL_ALL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text for a terminal: every control character removed except the newlines and tabs of the layout. */
export function printableOutput(text: string): string {
  return text.replace(CONTROL, '');
}

/** One value inside a line (a label, a name): no control character at all, newlines included. */
export function printableValue(value: string): string {
  return value.replace(CONTROL_ALL, '');
}
