// The words of the court's referred cases, and of its freezes of patents and trademarks.
export const COURT = {
  'court.title': ['移送本院的案件', 'Cases referred to this court'],
  'court.intro': [
    '保护中心移送给 {court} 的案件及其证据。点击「核验」在核验页面用您信任的公钥独立核验证据，无需信任本平台。',
    'Cases the centre referred to {court}, with their evidence. "Verify" checks a deposit on the verification page against the key you trust, without trusting this hub.',
  ],
  'court.none': ['暂无移送的案件', 'No cases have been referred'],
  'court.kind': ['案件类型', 'Kind'],
  'court.applied': ['申请时间', 'Applied'],
  'court.parties': ['当事人', 'Parties'],
  'court.rights': ['涉及权利', 'Rights'],
  'court.evidence': ['证据', 'Evidence'],
  'court.noEvidence': ['未附证据', 'No evidence attached'],
  'court.verify': ['核验', 'Verify'],
  'court.deposited': ['账本第 {seq} 条，{at} 存证', 'Ledger entry {seq}, deposited {at}'],
  'freezes.pageTitle': ['专利与商标冻结', 'Patent and trademark freezes'],
  'freezes.pageIntro': [
    '{court} 依财产保全裁定冻结专利、专利申请或注册商标，或解除本院的冻结。被冻结的权利不能转让、许可或质押。',
    '{court} freezes a patent, an application or a registered trademark under its preservation order, or lifts its own freeze. A frozen right is not transferred, licensed or pledged.',
  ],
  'freezes.trademarkTerm': [
    '注册商标的保全期限每次不超过一年，自商标局收到协助执行通知书之日起算；需要继续保全的，应在期满前续行，否则期满自动解除。同一商标已被保全的，不重复保全（法释〔2001〕1号，2020年修正，第二条、第三条）。',
    'A registered trademark is preserved for one year at most, counted from the day the Trademark Office receives the notice of assistance; to go on, the court continues it before it ends, or it ends by itself. A mark preserved already is not preserved again (Judicial Interpretation No. 1 [2001], as amended 2020, arts. 2 and 3).',
  ],
  'freezes.trademarkFrozenOnHelp': [
    '商标局收到协助执行通知书之日，保全期限自该日起算',
    'The day the Trademark Office received the notice of assistance: the term runs from it',
  ],
  'freezes.endsOn': ['保全期满日（可选）', 'Ends on (optional)'],
  'freezes.endsOnHelp': [
    '自该日起不再冻结；不填为冻结日起一年，最长一年',
    'The first day it no longer holds: one year from the freeze unless earlier, never later',
  ],
  'freezes.trademarkFreezeLine': ['{court}，{order}，{from} 起，{ends} 期满解除', '{court}, order {order}, from {from}; ends on {ends}'],
  'freezes.trademarkEnded': [
    '该注册商标已于 {date} 期满，只有有效的注册商标可以保全',
    'The registration ended on {date}: only a registration in force is preserved',
  ],
  'freezes.trademarkOtherCourt': [
    '该商标已由 {court} 保全，只有该院可以解除；已保全的商标不重复保全',
    '{court} preserved this mark; only it can lift the preservation, and a preserved mark is not preserved again',
  ],
} as const;
