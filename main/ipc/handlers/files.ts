// File content crosses IPC and the preview transport as base64 (JSON); services take and return bytes.
// This is the one place where base64 is decoded and encoded.

export const fromBase64 = (contentBase64: string): Buffer => Buffer.from(contentBase64, 'base64');
export const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
