// A report as the app shows and prints it: the same headings, lines and tables as the .docx
// (#contract/report-content.ts), with the charts drawn by ECharts in the page.
import { Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportView } from '#contract/index.ts';
import { reportChartOptions, reportContent, reportSubtitle, reportTitle } from '#contract/report-content.ts';
import { EChart } from './EChart.tsx';

export function ReportPreview({ view }: { view: ReportView }) {
  const { t } = useTranslation();
  const blocks = useMemo(() => reportContent(view, t), [view, t]);
  const charts = useMemo(() => reportChartOptions(view.figures, t), [view, t]);
  return (
    <Stack gap="sm" data-testid="report-preview">
      <Title order={2} ta="center">
        {reportTitle(view)}
      </Title>
      <Text size="sm" c="dimmed" ta="center">
        {reportSubtitle(view, t)}
      </Text>
      {blocks.map((block, n) => (
        <Stack gap={6} key={block.section} style={{ breakInside: 'avoid-page' }}>
          <Title order={3} c="blue.9" mt="sm">
            {`${n + 1}. ${block.heading}`}
          </Title>
          {block.lines.map((line, i) => (
            <Text key={i} size="sm">
              {line}
            </Text>
          ))}
          {block.tables.map((tbl, i) => (
            <Table key={i} withTableBorder withColumnBorders striped fz="sm">
              <Table.Thead>
                <Table.Tr>
                  {tbl.columns.map((c) => (
                    <Table.Th key={c}>{c}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tbl.rows.map((row, r) => (
                  <Table.Tr key={r}>
                    {row.map((cell, c) => (
                      <Table.Td key={c} ta={typeof cell === 'number' ? 'right' : undefined}>
                        {cell}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ))}
          {block.charts &&
            charts.map((c) => (
              <Stack gap={2} key={c.key} style={{ breakInside: 'avoid' }}>
                <Title order={5}>{c.title}</Title>
                <EChart option={c.option} label={c.title} height={240} />
              </Stack>
            ))}
        </Stack>
      ))}
    </Stack>
  );
}
