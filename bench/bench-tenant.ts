// The benchmark's tenant, made through the public API as an operator and its people
// would: the tenant, its owner, the agent whose queue is measured, another agent,
// customers and tags. Only the bulk of tickets and comments is written directly
// (bench/bulk-seed.ts).

export const BENCH_PASSWORD = 'bench-password';

export interface BenchUser {
  id: number;
  email: string;
}

export interface BenchTenant {
  slug: string;
  /** With a session token, for the admin API (bench/sla.ts sets up its SLA policy). */
  owner: BenchUser & { token: string };
  /** The agent the load runs as; ~30% of the seeded tickets are theirs. */
  agent: BenchUser & { apiToken: string };
  otherAgent: BenchUser;
  customers: BenchUser[];
  tags: string[];
}

const TAGS = ['billing', 'login', 'bug', 'feature-request', 'vip', 'mobile', 'оплата', 'сеть'];

interface Answer {
  status: number;
  json: Record<string, unknown>;
  headers: Headers;
}

function tenantClient(origin: string, slug: string) {
  return async (method: string, path: string, body?: unknown, token?: string): Promise<Answer> => {
    const headers: Record<string, string> = { 'x-tenant': slug };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${origin}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers };
  };
}

function expect(answer: Answer, status: number, what: string): Answer {
  if (answer.status !== status) throw new Error(`Could not ${what}: HTTP ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer;
}

/** The user and session token of an answer that signed someone in (cookie `wnp_session`). */
function signedIn(answer: Answer): BenchUser & { token: string } {
  const cookie = answer.headers.getSetCookie().find((c) => c.startsWith('wnp_session='));
  const token = cookie?.slice('wnp_session='.length).split(';')[0];
  const user = answer.json.user as { id: number; email: string } | undefined;
  if (!token || !user) throw new Error('The API answered without starting a session.');
  return { id: user.id, email: user.email, token };
}

/** Runs `task` for 0…count-1, at most `parallel` at a time (sign-ups hash passwords: a few at once, not hundreds). */
async function inParallel<T>(count: number, parallel: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, lane));
  return results;
}

export async function createBenchTenant(origin: string, operatorToken: string, customerCount: number): Promise<BenchTenant> {
  const slug = 'bench';
  const created = await fetch(`${origin}/api/v1/tenants`, {
    method: 'POST',
    headers: { authorization: `Bearer ${operatorToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ slug, name: 'Benchmark Support', admin_email: 'owner@bench.example' }),
  });
  if (created.status !== 201) throw new Error(`Could not create the tenant: HTTP ${created.status} ${await created.text()}`);
  const { owner_invitation } = (await created.json()) as { owner_invitation: { token: string } };
  const call = tenantClient(origin, slug);

  const accept = async (token: string, name: string) =>
    signedIn(expect(await call('POST', '/invitations/accept', { token, name, password: BENCH_PASSWORD }), 201, `accept the invitation of ${name}`));
  const owner = await accept(owner_invitation.token, 'Olga Owner');
  const invite = async (email: string, name: string) => {
    const invited = expect(await call('POST', '/invitations', { email, role: 'agent' }, owner.token), 201, `invite ${email}`);
    return accept(String(invited.json.token), name);
  };
  const agent = await invite('agent@bench.example', 'Bench Agent');
  const otherAgent = await invite('agent2@bench.example', 'Второй Агент');
  const apiToken = expect(await call('POST', '/auth/tokens', { name: 'benchmark' }, agent.token), 201, 'create an API token');

  for (const name of TAGS) expect(await call('POST', '/tags', { name }, owner.token), 201, `create the tag ${name}`);

  const customers = await inParallel(customerCount, 4, async (i) => {
    const email = `customer${i}@bench.example`;
    const body = { email, name: i % 3 === 0 ? `Клиент ${i}` : `Customer ${i}`, password: BENCH_PASSWORD };
    const { id } = signedIn(expect(await call('POST', '/auth/signup', body), 201, `sign up ${email}`));
    return { id, email };
  });

  return {
    slug,
    owner: { id: owner.id, email: owner.email, token: owner.token },
    agent: { id: agent.id, email: agent.email, apiToken: String(apiToken.json.token) },
    otherAgent: { id: otherAgent.id, email: otherAgent.email },
    customers,
    tags: TAGS,
  };
}
