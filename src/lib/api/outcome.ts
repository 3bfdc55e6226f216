// An API call as one value: its data, or what went wrong (status 0: no answer
// at all, e.g. offline). Screens turn the failure into a sentence with
// problem-sentence.ts; nothing throws into a component.

export type Outcome<T> = { ok: true; data: T } | { ok: false; status: number; body: unknown };

export async function outcome<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<Outcome<T>> {
  try {
    const { data, error, response } = await call;
    return response.ok ? { ok: true, data: data as T } : { ok: false, status: response.status, body: error };
  } catch {
    return { ok: false, status: 0, body: null };
  }
}
