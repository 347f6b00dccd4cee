// Files into an issue: read a picked/pasted/dropped file for the contract (base64) and pull images out
// of a paste. Downloads of bytes from the contract are in renderer/app/download.ts.
import dayjs from 'dayjs';
import { maxAttachmentBytes } from '#contract/index.ts';
import { toBase64 } from '#renderer/api/client.ts';

export interface PendingFile {
  fileName: string;
  mime: string;
  size: number;
  contentBase64: string;
  /** Object URL for a preview (images only); revoke when done. */
  previewUrl: string | null;
}

export const isImage = (mime: string) => mime.startsWith('image/');

export const tooLarge = (file: { size: number }) => file.size > maxAttachmentBytes;

/**
 * Screenshots pasted from the clipboard arrive as "image.png" (or without a name): give them a name that
 * says what and when, so a list of attachments stays readable.
 */
export function nameOf(file: File, pastedPrefix: string): string {
  const generic = !file.name || /^image\.(png|jpe?g|gif|bmp|webp)$/i.test(file.name);
  if (!generic) return file.name;
  const ext = (file.type.split('/')[1] ?? 'png').replace('jpeg', 'jpg');
  return `${pastedPrefix}-${dayjs().format('YYYYMMDD-HHmmss')}.${ext}`;
}

export async function readFile(file: File, name: string): Promise<PendingFile> {
  const mime = file.type || 'application/octet-stream';
  return {
    fileName: name,
    mime,
    size: file.size,
    contentBase64: toBase64(new Uint8Array(await file.arrayBuffer())),
    previewUrl: isImage(mime) ? URL.createObjectURL(file) : null,
  };
}

/** The files of a paste event (screenshots, copied files); empty for plain text pastes. */
export function filesOfPaste(event: ClipboardEvent): File[] {
  const data = event.clipboardData;
  if (!data) return [];
  const files = [...data.files];
  if (files.length) return files;
  return [...data.items]
    .filter((item) => item.kind === 'file')
    .map((item) => item.getAsFile())
    .filter((f): f is File => f !== null);
}
