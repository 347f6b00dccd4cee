// File content crosses IPC and the preview transport as base64 (JSON); services take and return bytes.
// This is the one place where base64 is decoded and encoded.

export const fromBase64 = (contentBase64: string): Buffer => Buffer.from(contentBase64, 'base64');
export const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** A file sent by the renderer (`contentBase64`), as services take it (`bytes`). */
export function received<T extends { contentBase64: string }>({ contentBase64, ...rest }: T) {
  return { ...rest, bytes: fromBase64(contentBase64) };
}

/** A file made by a service (`bytes`), as the renderer receives it (`contentBase64`). */
export function sent<T extends { bytes: Uint8Array }>({ bytes, ...rest }: T) {
  return { ...rest, contentBase64: toBase64(bytes) };
}
