// The cutover plan printed on A4, outside the app frame: runbook, rollback triggers, the latest go/no-go
// meeting with its snapshot, and the emergency log.
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useCall } from '#renderer/app/queries.ts';
import { formatDateTime, formatShort } from '#renderer/components/format.ts';
import classes from './CutoverPrint.module.css';

export function CutoverPrint() {
  const { t } = useTranslation();
  const plan = useCall('cutover.plan');
  const project = useCall('project.get');
  useEffect(() => notifications.clean(), []);
  const p = plan.data;
  if (!p) return null;
  const seqOf = new Map(p.steps.map((s) => [s.id, s.seq]));
  const latest = p.meetings[0];
  return (
    <div className={classes.screen}>
      <div className={classes.toolbar}>
        <Button variant="default" component={Link} href="/cutover" leftSection={<IconArrowLeft size={16} />}>
          {t('cutover.title')}
        </Button>
        <Button leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
          {t('cutover.print')}
        </Button>
      </div>
      <article className={classes.page} data-testid="cutover-print">
        <h1 className={classes.title}>
          {project.data ? `${project.data.hospital} · ${project.data.name} · ` : ''}
          {t('cutover.title')}
        </h1>
        <h2 className={classes.section}>{t('cutover.runbook.title')}</h2>
        <table className={classes.table}>
          <thead>
            <tr>
              <th>{t('cutover.runbook.seq')}</th>
              <th>{t('cutover.runbook.step')}</th>
              <th>{t('cutover.runbook.owner')}</th>
              <th>{t('cutover.runbook.plannedStart')}</th>
              <th>{t('cutover.runbook.plannedEnd')}</th>
              <th>{t('cutover.runbook.actualStart')}</th>
              <th>{t('cutover.runbook.actualEnd')}</th>
              <th>{t('cutover.runbook.dependsOn')}</th>
              <th>{t('cutover.runbook.status')}</th>
            </tr>
          </thead>
          <tbody>
            {p.steps.map((s) => (
              <tr key={s.id}>
                <td>{s.seq}</td>
                <td>{s.title}</td>
                <td>{s.owner}</td>
                <td>{formatShort(s.plannedStart)}</td>
                <td>{formatShort(s.plannedEnd)}</td>
                <td>{formatShort(s.actualStart)}</td>
                <td>{formatShort(s.actualEnd)}</td>
                <td>{s.dependsOn.map((d) => seqOf.get(d) ?? '?').join(', ')}</td>
                <td>{t(`cutover.stepStatuses.${s.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2 className={classes.section}>{t('cutover.triggers.title')}</h2>
        <table className={classes.table}>
          <thead>
            <tr>
              <th>{t('cutover.triggers.condition')}</th>
              <th>{t('cutover.triggers.action')}</th>
            </tr>
          </thead>
          <tbody>
            {p.triggers.map((x) => (
              <tr key={x.id}>
                <td>{x.condition}</td>
                <td>{x.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {latest && (
          <>
            <h2 className={classes.section}>{t('cutover.meeting.title')}</h2>
            <p>
              {formatDateTime(latest.heldAt)} · <b>{t(`cutover.decisions.${latest.decision}`)}</b> ·{' '}
              {t('cutover.meeting.attendees')}
              {t('common.colon')}
              {latest.attendees.join(t('common.listSeparator'))}
            </p>
            <p>
              {latest.snapshot.dualRun.go ? t('cutover.meeting.dualRunGo') : t('cutover.meeting.dualRunNoGo')}{' '}
              · {t('cutover.meeting.openIssues', { count: latest.snapshot.openIssues.length })} ·{' '}
              {t('cutover.meeting.training', { ...latest.snapshot.training })}
            </p>
            {latest.notes && <p>{latest.notes}</p>}
          </>
        )}
        <h2 className={classes.section}>{t('cutover.emergency.title')}</h2>
        <table className={classes.table}>
          <thead>
            <tr>
              <th>{t('cutover.emergency.at')}</th>
              <th>{t('cutover.emergency.kind')}</th>
              <th>{t('cutover.emergency.department')}</th>
              <th>{t('cutover.emergency.note')}</th>
              <th>{t('cutover.emergency.actor')}</th>
            </tr>
          </thead>
          <tbody>
            {p.emergencies.toReversed().flatMap((e) =>
              e.events.map((ev) => (
                <tr key={ev.id}>
                  <td>{formatDateTime(ev.at)}</td>
                  <td>{t(`cutover.eventKinds.${ev.kind}`)}</td>
                  <td>{ev.departmentName}</td>
                  <td>{ev.note}</td>
                  <td>{ev.actor}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </article>
    </div>
  );
}
