// Tags coloured by what they say, in colours that keep 4.5:1 contrast (antd's preset tag colours
// do not for orange, gold and green): app.css `.tone-*`.
import { Tag } from 'antd';
import type { ReactNode } from 'react';

export type Tone = 'green' | 'orange' | 'red' | 'blue' | 'grey';

export function ToneTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <Tag className={`tone-${tone}`}>{children}</Tag>;
}
