// Files in and out of the renderer: read a picked/pasted/dropped file for the contract (base64), pull
// images out of a paste, and save bytes from the contract as a download.
import dayjs from 'dayjs';
import { maxAttachmentBytes } from '../../../preload/contract/index.ts';
import { toBase64 } from '../../api/client.ts';

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

export function base64ToBlob(contentBase64: string, mime: string): Blob {
  const binary = atob(contentBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

/** Saves bytes as a download (export files; attachments where there is no system viewer). */
export function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
