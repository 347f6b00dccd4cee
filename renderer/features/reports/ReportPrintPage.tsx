// A saved report on its own, outside the app frame, for printing: Electron saves it as an A4 PDF
// (printToPDF, reports.export format 'pdf'); preview mode uses the browser's print dialog.
import { Button, Group } from '@mantine/core';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { ApiError, call } from '#renderer/api/client.ts';
import { base64ToBlob, download } from '#renderer/app/download.ts';
import { useCall } from '#renderer/app/queries.ts';
import { ReportPreview } from './ReportPreview.tsx';
import classes from './ReportPrint.module.css';

export function ReportPrintPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const saved = useCall('reports.get', { id });
  const r = saved.data;
  const view = useQuery({
    queryKey: ['reports.view', id, r?.updatedAt],
    enabled: Boolean(r),
    queryFn: () =>
      call('reports.view', {
        kind: r!.kind,
        from: r!.fromDay,
        to: r!.toDay,
        nextSteps: r!.nextSteps,
        title: r!.title,
      }),
  });
  const print = async () => {
    try {
      const file = await call('reports.export', { reportId: id, format: 'pdf' });
      download(base64ToBlob(file.contentBase64, 'application/pdf'), file.fileName);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'report_pdf_unavailable') window.print();
      else throw error;
    }
  };
  return (
    <div className={classes.screen}>
      <div className={classes.toolbar}>
        <Button
          variant="default"
          leftSection={<IconArrowLeft size={16} />}
          onClick={() => navigate('/reports')}
        >
          {t('reports.nav.reports')}
        </Button>
        <Group>
          <Button leftSection={<IconPrinter size={16} />} onClick={() => void print()} disabled={!view.data}>
            {t('reports.page.print')}
          </Button>
        </Group>
      </div>
      <div className={classes.page}>{view.data && <ReportPreview view={view.data} />}</div>
    </div>
  );
}
