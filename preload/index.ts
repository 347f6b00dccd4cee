// Sandboxed preload: exposes the named contract functions on window.wardside and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from './api.ts';

contextBridge.exposeInMainWorld(
  'wardside',
  createApi((method, input) => ipcRenderer.invoke(method, input)),
);
