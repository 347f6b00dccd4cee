import { useTranslation } from 'react-i18next';
import type { ImportKind, ImportPreview, ImportResult } from '../../../preload/contract/index.ts';
import { call } from '../../api/client.ts';
import { ImportDialog as SheetImportDialog, type ImportSource } from '../../components/ImportDialog.tsx';

/** Department and people rosters through imports.preview / imports.commit. */
export function ImportDialog({
  kind,
  opened,
  onClose,
}: {
  kind: ImportKind;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const source: ImportSource<ImportPreview, ImportResult> = {
    title: t('import.title', { kind: t(`import.kinds.${kind}`) }),
    hint: t('import.hint'),
    fieldLabel: (f) => t(`${kind === 'departments' ? 'department' : 'person'}.${f.key}`),
    preview: (file, mapping) => call('imports.preview', { kind, ...file, mapping }),
    commit: (file, mapping) => call('imports.commit', { kind, ...file, mapping }),
    done: (result) => t('import.done', { ...result, skipped: result.skipped.length }),
  };
  return <SheetImportDialog source={source} opened={opened} onClose={onClose} />;
}
