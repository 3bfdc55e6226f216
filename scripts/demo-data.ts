// The demo tenant's people and tickets: fixed lists and a seeded generator, so
// every fresh `npm start` builds the same tenant.

export const DEMO_TENANT = { slug: 'demo', name: 'Demo Support Team' } as const;

/** Every demo account signs in with this password. */
export const DEMO_PASSWORD = 'demo-password';

export type StaffRole = 'owner' | 'admin' | 'agent';

export interface DemoPerson {
  key: string;
  email: string;
  name: string;
}

export const OWNER: DemoPerson = { key: 'owner', email: 'owner@example.com', name: 'Olivia Owner' };

/** Staff invited by the owner (the owner itself accepts the tenant's own invitation). */
export const INVITED_STAFF: ReadonlyArray<DemoPerson & { role: Exclude<StaffRole, 'owner'> }> = [
  { key: 'agent', email: 'agent@example.com', name: 'Alex Agent', role: 'agent' },
  { key: 'agent2', email: 'sam@example.com', name: 'Sam Support', role: 'agent' },
  { key: 'admin', email: 'admin@example.com', name: 'Adam Admin', role: 'admin' },
];

/** Customers sign themselves up on the portal. */
export const CUSTOMERS: readonly DemoPerson[] = [
  { key: 'customer', email: 'customer@example.com', name: 'Casey Customer' },
  { key: 'maria', email: 'maria@example.com', name: 'Мария Иванова' },
  { key: 'jordan', email: 'jordan@example.com', name: 'Jordan Lee' },
  { key: 'priya', email: 'priya@example.com', name: 'Priya Patel' },
];

export const TAGS = ['billing', 'login', 'bug', 'feature-request', 'vip', 'mobile', 'оплата'] as const;

/** The team's macros (canned responses), in English and Russian, with the placeholders an agent's insert fills in. */
export const DEMO_MACROS: ReadonlyArray<{ title: string; body: string; status?: 'pending' | 'solved' }> = [
  {
    title: 'Password reset link',
    body: 'Hello {{customer.name}},\n\nI have sent a new password reset link to your e-mail address. It works for one hour; if it does not arrive within a few minutes, please check your spam folder.\n\nBest regards,\n{{agent.name}}',
    status: 'pending',
  },
  {
    title: 'Refund issued',
    body: 'Hello {{customer.name}},\n\nthe refund for ticket #{{ticket.id}} is on its way and should reach your account within 5–7 business days.\n\nBest regards,\n{{agent.name}}',
    status: 'solved',
  },
  { title: 'Ask for a screenshot', body: 'Could you send us a screenshot of what you see? You can paste it straight into your reply.', status: 'pending' },
  {
    title: 'Ответ: принято в работу',
    body: 'Здравствуйте, {{customer.name}}!\n\nМы получили ваше обращение «{{ticket.subject}}» и уже занимаемся им.\n\nС уважением,\n{{agent.name}}',
  },
];

const PRIORITIES = ['low', 'normal', 'normal', 'normal', 'high', 'high', 'urgent'] as const;
const TYPES = ['question', 'question', 'incident', 'problem', 'task'] as const;
const STATUSES = ['new', 'open', 'open', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;

export type DemoStatus = (typeof STATUSES)[number];

/** How the seeder walks a new ticket to its status through the transition table. */
export const STATUS_PATH: Readonly<Record<DemoStatus, readonly DemoStatus[]>> = {
  new: [],
  open: ['open'],
  pending: ['pending'],
  on_hold: ['on_hold'],
  solved: ['solved'],
  closed: ['solved', 'closed'],
};

const TOPICS: ReadonlyArray<{ subject: string; description: string; tags: readonly (typeof TAGS)[number][] }> = [
  { subject: 'Cannot sign in after password reset', description: 'I reset my password this morning and now the login page says my password is wrong.', tags: ['login'] },
  { subject: 'Charged twice for the March invoice', description: 'My card statement shows two charges of the same amount for invoice 2041.', tags: ['billing'] },
  { subject: 'Export to CSV drops accented names', description: 'When I export my contacts, names like "José" come out as "Jos?".', tags: ['bug'] },
  { subject: 'Please add dark mode', description: 'Our team works late; a dark theme would be easier on the eyes.', tags: ['feature-request'] },
  { subject: 'App crashes when opening attachments on Android', description: 'Tapping a PDF attachment closes the app on a Pixel 8 (Android 15).', tags: ['mobile', 'bug'] },
  { subject: 'How do I add a second admin?', description: 'We need another person to manage users while I am on holiday.', tags: [] },
  { subject: 'Не проходит оплата картой', description: 'При оплате картой появляется ошибка «Операция отклонена». Карта рабочая.', tags: ['оплата', 'billing'] },
  { subject: 'Upgrade to the annual plan', description: 'We would like to move to annual billing from next month. What do we need to do?', tags: ['billing', 'vip'] },
  { subject: 'Two-factor codes arrive late', description: 'The SMS with the sign-in code takes five minutes or more to arrive.', tags: ['login'] },
  { subject: 'Search does not find older tickets', description: 'Searching for a customer name only finds tickets from this year.', tags: ['bug'] },
  { subject: 'Request: keyboard shortcuts for replies', description: 'A shortcut to send a reply and move to the next ticket would save us a lot of clicks.', tags: ['feature-request'] },
  { subject: 'Cannot upload a logo larger than 1 MB', description: 'Our logo is 1.4 MB and the settings page refuses it without saying why.', tags: [] },
  { subject: 'Notifications stopped on iPhone', description: 'Since yesterday I get no push notifications for new replies on iOS 19.', tags: ['mobile'] },
  { subject: 'Refund for unused seats', description: 'We removed three seats last week; can the unused part be refunded?', tags: ['billing'] },
  { subject: 'Account locked after too many attempts', description: 'I mistyped my password a few times and now I cannot sign in at all.', tags: ['login', 'vip'] },
  { subject: 'Wrong time zone on ticket timestamps', description: 'All times show as UTC even though my profile says Europe/Berlin.', tags: ['bug'] },
  { subject: 'Integrate with our Slack workspace', description: 'Is there a way to post new urgent tickets into a Slack channel?', tags: ['feature-request', 'vip'] },
  { subject: 'Invoice shows the old company address', description: 'We moved offices in January but invoices still use the old address.', tags: ['billing'] },
  { subject: 'Emoji in subject line break the list 😅', description: 'Tickets with emoji in the subject look fine, but sorting by subject puts them last.', tags: ['bug'] },
  { subject: 'Training session for new agents', description: 'Could someone walk our three new agents through the console next week?', tags: [] },
  { subject: 'API token stopped working', description: 'Our integration gets 401 responses since this morning with a token created last month.', tags: ['login'] },
  { subject: 'Macro to close duplicates', description: 'We would like a one-click way to close a ticket as a duplicate of another.', tags: ['feature-request'] },
  { subject: 'Mobile site zooms on input focus', description: 'On Safari the page zooms in every time I tap the reply box.', tags: ['mobile'] },
  { subject: 'Data export for our auditors', description: 'Our auditors need an export of all tickets from last year with their history.', tags: ['vip'] },
  { subject: 'Password rules are unclear', description: 'The sign-up form rejects my password but does not say which rule it breaks.', tags: ['login'] },
];

const REPLIES = [
  'Thanks for reaching out! I am looking into this now and will update you shortly.',
  'Could you send a screenshot of what you see, and the time it happened?',
  'We have found the cause and a fix is on its way. Thank you for your patience.',
  'This should be resolved now. Please let us know if you still see the problem.',
];
const CUSTOMER_FOLLOW_UPS = [
  'Thank you, here are the details you asked for.',
  'It happened again today around 10:00.',
  'Спасибо, теперь всё работает!',
  'Any news on this? It is blocking our team.',
];
const INTERNAL_NOTES = [
  'Checked the logs: the request reached us and failed validation. Escalating to engineering.',
  'Customer is on the enterprise plan; keep them updated daily.',
  'Duplicate of an older report; linking them.',
  'Waiting on the payment provider to confirm the refund.',
];

export interface DemoComment {
  author: 'requester' | 'assignee';
  public: boolean;
  body: string;
}

export interface DemoTicket {
  subject: string;
  description: string;
  priority: (typeof PRIORITIES)[number];
  type: (typeof TYPES)[number];
  status: DemoStatus;
  requester: string;
  /** A staff key, or null for the unassigned queue. */
  assignee: string | null;
  tags: string[];
  comments: DemoComment[];
}

/** mulberry32: a small seeded generator, so the demo is the same on every machine. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ASSIGNEES = ['agent', 'agent', 'agent2', 'admin', null] as const;

/** The demo's tickets, in creation order. */
export function demoTickets(count = 50, seed = 2026): DemoTicket[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const topic = TOPICS[i % TOPICS.length]!;
    const round = Math.floor(i / TOPICS.length);
    const status = pick(STATUSES);
    const assignee = status === 'new' ? null : pick(ASSIGNEES);
    const comments: DemoComment[] = [];
    const commentCount = 1 + Math.floor(random() * 4);
    for (let c = 0; c < commentCount; c++) {
      // A public staff reply opens a new ticket, so tickets left new get none.
      const kinds = status === 'new' ? (['follow-up', 'note'] as const) : (['reply', 'follow-up', 'note'] as const);
      const kind = c === 0 && status !== 'new' ? 'reply' : pick(kinds);
      if (kind === 'follow-up') comments.push({ author: 'requester', public: true, body: pick(CUSTOMER_FOLLOW_UPS) });
      else if (kind === 'note') comments.push({ author: 'assignee', public: false, body: pick(INTERNAL_NOTES) });
      else comments.push({ author: 'assignee', public: true, body: pick(REPLIES) });
    }
    return {
      subject: round === 0 ? topic.subject : `${topic.subject} (again)`,
      description: topic.description,
      priority: pick(PRIORITIES),
      type: pick(TYPES),
      status,
      requester: CUSTOMERS[i % CUSTOMERS.length]!.key,
      assignee,
      tags: [...topic.tags],
      comments,
    };
  });
}

/** The sign-in lines `npm start` prints. */
export function demoLogins(): string[] {
  const staff = [{ ...OWNER, role: 'owner' }, ...INVITED_STAFF];
  return [
    ...staff.map((p) => `  ${p.role.padEnd(8)} ${p.email.padEnd(22)} ${p.name}`),
    ...CUSTOMERS.map((p) => `  ${'customer'.padEnd(8)} ${p.email.padEnd(22)} ${p.name}`),
    `  password for all: ${DEMO_PASSWORD}`,
  ];
}

/** The demo team's office hours: weekdays 09:00–18:00 in Moscow, closed on New Year's Day. */
export const DEMO_SLA_CALENDAR = {
  name: 'Moscow office hours',
  time_zone: 'Europe/Moscow',
  week: Object.fromEntries(['1', '2', '3', '4', '5'].map((day) => [day, [{ start: '09:00', end: '18:00' }]])),
  holidays: ['2027-01-01', '2027-01-07'],
} as const;

/**
 * SLA policies, tried in this order: urgent tickets count round the clock and
 * escalate to the admin; VIP customers get business-hours targets; everything
 * else a relaxed business-hours policy. `notify` and `assign` name demo people.
 */
export const DEMO_SLA_POLICIES = [
  {
    name: 'Urgent, round the clock',
    conditions: { priorities: ['urgent'] },
    targets: { first_response: 30, next_response: 60, resolution: 240 },
    business_hours: false,
    warning_percent: 75,
    escalation: { assign: 'admin', notify: ['admin', 'agent'] },
  },
  {
    name: 'VIP, business hours',
    conditions: { tags: ['vip'] },
    targets: { first_response: 60, next_response: 120, resolution: 960 },
    business_hours: true,
    warning_percent: 80,
    escalation: { raise_priority: 'high', notify: ['admin'] },
  },
  {
    name: 'Standard, business hours',
    conditions: {},
    targets: { first_response: 240, next_response: 480, resolution: 2700 },
    business_hours: true,
    warning_percent: 80,
    escalation: { notify: ['agent'] },
  },
] as const;
