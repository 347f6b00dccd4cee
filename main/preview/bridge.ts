// Browser-side transport for preview mode: the same named functions as the Electron preload
// (preload/api.ts), sending each call to the preview server instead of ipcRenderer.
import { createApi } from '../../preload/api.ts';
import type { Envelope, WardsideApi } from '#contract/index.ts';

declare global {
  interface Window {
    wardside: WardsideApi;
  }
}

window.wardside = createApi(async (method, input) => {
  const response = await fetch(`/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ input }),
  });
  if (!response.ok) {
    return { ok: false, error: { code: 'internal', message: await response.text() } } as Envelope<never>;
  }
  return (await response.json()) as Envelope<never>;
});
