// 培训签到表: a printable sign-in sheet for a session — the planned audience pre-filled, with columns for
// signature and score, a few blank rows for people not on the list, and the trainer's signature. Shown
// outside the app frame so that window.print() (or "save as PDF") gives exactly one A4 sheet per page.
import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useCall } from '#renderer/app/queries.ts';
import { formatDateTime } from '#renderer/components/format.ts';
import classes from './SignInSheet.module.css';

const blankRows = 5;

export function SignInSheet({ params }: { params: { id: string } }) {
  const { t } = useTranslation();
  const detail = useCall('training.session', { id: params.id });
  const project = useCall('project.get');
  // Messages from the previous screen would sit on top of the paper.
  useEffect(() => notifications.clean(), []);
  if (!detail.data) return null;
  const { session, departmentNames, roster } = detail.data;
  const audience = roster.filter((r) => r.inAudience);
  return (
    <div className={classes.screen}>
      <div className={classes.toolbar}>
        <Button
          variant="default"
          component={Link}
          href={`/training/sessions/${session.id}`}
          leftSection={<IconArrowLeft size={16} />}
        >
          {t('training.signIn.back')}
        </Button>
        <Group>
          <Button leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
            {t('training.signIn.print')}
          </Button>
        </Group>
      </div>
      <article className={classes.page} data-testid="sign-in-sheet">
        {project.data && (
          <p className={classes.hospital}>
            {project.data.hospital} · {project.data.name}
          </p>
        )}
        <h1 className={classes.title}>{t('training.signIn.title')}</h1>
        <div className={classes.facts}>
          <div>
            {t('training.session.topic')}
            {t('common.colon')}
            <b>{session.topic}</b>
          </div>
          <div>
            {t('training.session.startsAt')}
            {t('common.colon')}
            <b>{formatDateTime(session.startsAt)}</b> ·{' '}
            {t('training.session.minutes', { count: session.durationMinutes })}
          </div>
          <div>
            {t('training.session.tier')}
            {t('common.colon')}
            {t(`training.tiers.${session.tier}`)} · {t(`training.formats.${session.format}`)}
          </div>
          <div>
            {t('training.session.place')}
            {t('common.colon')}
            {session.place ?? ''}
          </div>
          <div>
            {t('training.session.departments')}
            {t('common.colon')}
            {departmentNames.length
              ? departmentNames.join(t('common.listSeparator'))
              : t('training.session.allDepartments')}
          </div>
          <div>
            {t('training.session.trainer')}
            {t('common.colon')}
            {session.trainerName ?? ''}
            {session.trainerChampion ? t('training.person.championSuffix') : ''}
          </div>
          <div>
            {t('training.session.materialVersion')}
            {t('common.colon')}
            {session.materialVersion ?? ''}
          </div>
          <div>
            {t('training.session.passMark')}
            {t('common.colon')}
            {session.passMark ?? t('training.session.noAssessment')}
          </div>
        </div>
        <table className={classes.table}>
          <colgroup>
            <col style={{ width: '9%' }} />
            <col style={{ width: '14%' }} />
            <col style={{ width: '13%' }} />
            <col style={{ width: '20%' }} />
            <col style={{ width: '22%' }} />
            <col style={{ width: '10%' }} />
            <col style={{ width: '12%' }} />
          </colgroup>
          <thead>
            <tr>
              <th>{t('training.signIn.seq')}</th>
              <th>{t('person.name')}</th>
              <th>{t('person.employeeNo')}</th>
              <th>{t('person.department')}</th>
              <th>{t('training.signIn.signature')}</th>
              <th>{t('training.signIn.score')}</th>
              <th>{t('training.signIn.note')}</th>
            </tr>
          </thead>
          <tbody>
            {audience.map((r, i) => (
              <tr key={r.personId}>
                <td className={classes.center}>{i + 1}</td>
                <td>{r.name}</td>
                <td className={classes.center}>{r.employeeNo ?? ''}</td>
                <td>{r.departmentName ?? ''}</td>
                <td />
                <td />
                <td />
              </tr>
            ))}
            <tr className={classes.blankNote}>
              <td colSpan={7}>{t('training.signIn.blankRows')}</td>
            </tr>
            {Array.from({ length: blankRows }, (_, i) => (
              <tr key={`blank-${i}`}>
                <td className={classes.center}>{audience.length + i + 1}</td>
                <td />
                <td />
                <td />
                <td />
                <td />
                <td />
              </tr>
            ))}
          </tbody>
        </table>
        <div className={classes.footer}>
          <span>{t('training.signIn.footer', { count: audience.length })}</span>
          <span>
            {t('training.signIn.trainerSign')}
            {t('common.colon')}________________
          </span>
        </div>
      </article>
    </div>
  );
}
