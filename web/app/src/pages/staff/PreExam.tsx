// The pre-examination queue by state. Each case offers only the moves its state allows (the API's
// nextStates), so an illegal move is never shown.
import { Button, Space, Tag } from 'antd';
import { type HTMLAttributes, useState } from 'react';

import { mutate, USER_ERRORS } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Events, type WorkflowEvent } from '../../components/Events';
import { PagedTable } from '../../components/PagedTable';
import { PageHeading } from '../../components/PageHeading';
import { stateFilter, StateTabs } from '../../components/StateTabs';
import { dateTime } from '../../format';
import { usePages } from '../../hooks/usePages';
import { useI18n } from '../../i18n';

export const PRE_EXAM_STATES = ['RECEIVED', 'CLASSIFIED', 'EXAMINING', 'QUALITY_CHECK', 'PASSED', 'RETURNED', 'ARCHIVED'] as const;

const CASES = `query PreExamQueue($state: PreExamState, $first: Int, $after: String) {
  preExamCases(state: $state, first: $first, after: $after) {
    edges { node { id applicationNumber title industry state nextStates receivedAt cycleDays enterprise { id name }
      events { at actor role from to note } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const MOVE = `mutation Move($input: MovePreExamCaseInput!) { preExamCaseMove(input: $input) { case { id state nextStates } ${USER_ERRORS} } }`;

interface PreExamCase {
  readonly id: string;
  readonly applicationNumber: string;
  readonly title: string;
  readonly industry: string;
  readonly state: string;
  readonly nextStates: readonly string[];
  readonly receivedAt: string;
  readonly cycleDays: number | null;
  readonly enterprise: { readonly id: string; readonly name: string };
  readonly events: readonly WorkflowEvent[];
}

interface Answer {
  preExamCases: { edges: { node: PreExamCase }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export default function PreExam() {
  const { t, label, lang } = useI18n();
  const [state, setState] = useState<string>('RECEIVED');
  const [moving, setMoving] = useState<string>();
  const [error, setError] = useState<unknown>();
  const pages = usePages<Answer, PreExamCase>(CASES, stateFilter(state), (d) => d.preExamCases);

  const move = async (c: PreExamCase, to: string) => {
    setMoving(c.id);
    setError(undefined);
    try {
      await mutate(MOVE, { input: { caseId: c.id, to } });
      pages.reload();
    } catch (err) {
      setError(err);
    } finally {
      setMoving(undefined);
    }
  };

  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <PageHeading title={t('preexam.title')} intro={t('preexam.intro')} extra={<Button onClick={pages.reload}>{t('common.reload')}</Button>} />
      <StateTabs group="PreExamState" states={PRE_EXAM_STATES} value={state} onChange={setState} />
      <ErrorAlert error={error ?? pages.error} />
      <PagedTable<PreExamCase>
        pages={pages}
        minWidth={900}
        label={t('nav.preexam')}
        onRow={(c) => ({ 'data-testid': 'preexam-row', 'data-id': c.id, 'data-state': c.state }) as HTMLAttributes<HTMLElement>}
        expandable={{ expandedRowRender: (c) => <Events events={c.events} group="PreExamState" /> }}
        columns={[
          { title: t('preexam.application'), dataIndex: 'applicationNumber', render: (v: string) => <span className="mono">{v}</span> },
          { title: t('preexam.titleColumn'), dataIndex: 'title' },
          { title: t('preexam.enterprise'), render: (_, c) => c.enterprise.name },
          { title: t('preexam.industry'), dataIndex: 'industry' },
          { title: t('preexam.received'), render: (_, c) => dateTime(c.receivedAt, lang) },
          { title: t('common.state'), render: (_, c) => <Tag>{label('PreExamState', c.state)}</Tag> },
          { title: t('preexam.cycle'), render: (_, c) => (c.cycleDays === null ? '' : c.cycleDays.toFixed(1)) },
          {
            title: t('common.actions'),
            render: (_, c) =>
              c.nextStates.length === 0 ? (
                t('preexam.noMoves')
              ) : (
                <Space wrap>
                  {c.nextStates.map((to) => (
                    <Button key={to} size="small" data-testid={`preexam-move-${to}`} loading={moving === c.id} onClick={() => void move(c, to)}>
                      {t('preexam.moveTo', { state: label('PreExamState', to) })}
                    </Button>
                  ))}
                </Space>
              ),
          },
        ]}
      />
    </Space>
  );
}
