// The patent registry feed (一库) uploaded by centre staff: a CSV or JSON-lines file read here in
// the browser and sent a chunk at a time (import/chunks.ts), each imported as registerPatent
// would register its rows; a progress bar, then one report for the whole file: rows inserted,
// updated and unchanged, and every rejected row with its line and why. Importing the same file
// again changes nothing.
import { Alert, Button, Card, Descriptions, Progress, Radio, Space, Table, Typography } from 'antd';
import { type HTMLAttributes, useEffect, useMemo, useRef, useState } from 'react';

import { mutate, USER_ERRORS } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { ScrollRegion } from '../../components/ScrollRegion';
import { useI18n } from '../../i18n';
import { type Chunk, chunksOf, EMPTY_REPORT, type FeedFormat, formatOf, merge, type Rejected, rejectedCsv, type Report } from './import/chunks';

const IMPORT = `mutation ImportPatents($input: ImportPatentsInput!) {
  patentsImport(input: $input) { result { rows inserted updated unchanged rejected { line applicationNumber code field message } } ${USER_ERRORS} }
}`;

interface Chosen {
  readonly name: string;
  readonly text: string;
}

interface Progress {
  readonly done: number;
  readonly total: number;
}

function RejectedDownload({ rejected }: { rejected: readonly Rejected[] }) {
  const { t } = useI18n();
  const url = useMemo(() => URL.createObjectURL(new Blob([rejectedCsv(rejected)], { type: 'text/csv;charset=utf-8' })), [rejected]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <a href={url} download="iphub-import-rejected.csv" data-testid="import-rejected-csv">
      {t('import.downloadRejected')}
    </a>
  );
}

function ReportView({ report, finished }: { report: Report; finished: boolean }) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      title={<h2 className="card-title">{finished ? t('import.report') : t('import.reportSoFar')}</h2>}
      data-testid="import-report"
      data-finished={String(finished)}
      data-rows={report.rows}
      data-inserted={report.inserted}
      data-updated={report.updated}
      data-unchanged={report.unchanged}
      data-rejected={report.rejected.length}
    >
      <Space orientation="vertical" className="full-width">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 5 }}
          items={[
            { key: 'rows', label: t('import.rows'), children: report.rows },
            { key: 'inserted', label: t('import.inserted'), children: report.inserted },
            { key: 'updated', label: t('import.updated'), children: report.updated },
            { key: 'unchanged', label: t('import.unchanged'), children: report.unchanged },
            { key: 'rejected', label: t('import.rejected'), children: report.rejected.length },
          ]}
        />
        {report.rejected.length > 0 && (
          <>
            <RejectedDownload rejected={report.rejected} />
            <ScrollRegion label={t('import.rejected')} minWidth={760}>
              <Table<Rejected>
                rowKey={(r) => `${r.line}-${r.field ?? ''}-${r.code}`}
                size="small"
                dataSource={[...report.rejected]}
                pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
                onRow={(r) => ({ 'data-testid': 'import-rejected', 'data-line': r.line, 'data-code': r.code }) as HTMLAttributes<HTMLElement>}
                columns={[
                  { title: t('import.line'), dataIndex: 'line', width: 80 },
                  { title: t('rights.applicationNumber'), width: 170, render: (_, r) => <span className="mono">{r.applicationNumber ?? ''}</span> },
                  { title: t('import.code'), width: 190, render: (_, r) => <span className="mono">{r.code}</span> },
                  { title: t('import.field'), width: 130, render: (_, r) => <span className="mono">{r.field ?? ''}</span> },
                  { title: t('import.message'), dataIndex: 'message' },
                ]}
              />
            </ScrollRegion>
          </>
        )}
      </Space>
    </Card>
  );
}

export default function Import() {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<Chosen>();
  const [format, setFormat] = useState<FeedFormat>('CSV');
  const [reading, setReading] = useState<unknown>();
  const [progress, setProgress] = useState<Progress>();
  const [report, setReport] = useState<Report>();
  const [failure, setFailure] = useState<{ error: unknown; chunk: Chunk }>();
  const [running, setRunning] = useState(false);
  const stop = useRef(false);
  useEffect(() => () => void (stop.current = true), []);

  const choose = async (file: File | undefined) => {
    setReport(undefined);
    setFailure(undefined);
    setProgress(undefined);
    setReading(undefined);
    if (file === undefined) return setChosen(undefined);
    try {
      const text = await file.text();
      setChosen({ name: file.name, text });
      setFormat(formatOf(file.name, text));
    } catch (err) {
      setReading(err);
    }
  };

  const start = async () => {
    if (chosen === undefined) return;
    const chunks = chunksOf(chosen.text, format);
    const total = chunks.reduce((n, c) => n + c.rows, 0);
    setRunning(true);
    setFailure(undefined);
    stop.current = false;
    let merged = EMPTY_REPORT;
    setReport(merged);
    setProgress({ done: 0, total });
    let done = 0;
    for (const chunk of chunks) {
      if (stop.current) break;
      try {
        const imported = await mutate<Report>(IMPORT, { input: { format, data: chunk.data, firstLine: chunk.firstLine } });
        merged = merge(merged, imported);
        done += chunk.rows;
        setReport(merged);
        setProgress({ done, total });
      } catch (error) {
        setFailure({ error, chunk });
        break;
      }
    }
    setRunning(false);
  };

  const percent = progress === undefined ? 0 : progress.total === 0 ? 100 : Math.floor((progress.done / progress.total) * 100);
  const finished = progress !== undefined && !running && failure === undefined && progress.done === progress.total;
  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <PageHeading title={t('import.title')} intro={t('import.intro')} />
      <Card size="small">
        <Space orientation="vertical" className="full-width">
          <label className="file-button">
            {chosen === undefined ? t('import.choose') : t('import.chooseAnother')}
            <input
              data-testid="import-file"
              className="visually-hidden"
              type="file"
              accept=".csv,.jsonl,.ndjson,.json,text/csv,application/json"
              disabled={running}
              onChange={(e) => {
                void choose(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
          </label>
          <Typography.Text type="secondary">{t('import.columns')}</Typography.Text>
          {chosen && (
            <>
              <Typography.Text data-testid="import-chosen">
                {t('import.chosen', { name: chosen.name, kb: Math.ceil(chosen.text.length / 1024) })}
              </Typography.Text>
              <Radio.Group
                aria-label={t('import.format')}
                value={format}
                disabled={running}
                onChange={(e) => setFormat(e.target.value as FeedFormat)}
                options={[
                  { value: 'CSV', label: 'CSV' },
                  { value: 'JSON_LINES', label: t('import.jsonLines') },
                ]}
              />
            </>
          )}
          <ErrorAlert error={reading} />
          <Space wrap>
            <Button type="primary" data-testid="import-submit" disabled={chosen === undefined || running} loading={running} onClick={() => void start()}>
              {t('import.submit')}
            </Button>
            {running && <Button onClick={() => (stop.current = true)}>{t('import.stop')}</Button>}
          </Space>
          {progress !== undefined && (
            <Progress
              className="progress-words"
              data-testid="import-progress"
              aria-label={t('import.progress')}
              percent={percent}
              status={failure ? 'exception' : finished ? 'success' : 'active'}
              format={() => t('import.progressLine', { done: progress.done, total: progress.total })}
            />
          )}
        </Space>
      </Card>
      {failure && (
        <Space orientation="vertical" className="full-width">
          <Alert type="warning" showIcon title={t('import.stopped', { from: failure.chunk.fromLine, to: failure.chunk.toLine })} />
          <ErrorAlert error={failure.error} />
        </Space>
      )}
      {progress !== undefined && progress.total === 0 && !running && <Alert type="info" showIcon title={t('import.noRows')} />}
      {report && <ReportView report={report} finished={finished} />}
    </Space>
  );
}
