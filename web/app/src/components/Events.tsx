import { Timeline } from 'antd';

import { dateTime } from '../format';
import { useI18n } from '../i18n';

export interface WorkflowEvent {
  readonly at: string;
  readonly actor: string;
  readonly role: string;
  readonly from: string | null;
  readonly to: string;
  readonly note: string | null;
}

/** A case's or pledge's history, oldest first; `group` names its states' enum. */
export function Events({ events, group }: { events: readonly WorkflowEvent[]; group: string }) {
  const { lang, label } = useI18n();
  return (
    <Timeline
      items={events.map((e) => ({
        key: `${e.at}-${e.to}`,
        content: (
          <>
            <strong>{label(group, e.to)}</strong> · {dateTime(e.at, lang)} · {e.actor} ({label('Role', e.role)}){e.note ? ` · ${e.note}` : ''}
          </>
        ),
      }))}
    />
  );
}
