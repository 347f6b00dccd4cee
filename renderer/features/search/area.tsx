// Search across areas: no page of its own, a box in the header opened with Ctrl+K.
import type { RendererArea } from '#renderer/app/area.tsx';
import { SearchPalette } from './SearchPalette.tsx';

export const searchArea: RendererArea = {
  header: [SearchPalette],
};
