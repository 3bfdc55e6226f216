import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../db/directory/schema';

export type DirectoryDb = ReturnType<typeof drizzle<typeof schema>>;

export function directoryDb(env: Env): DirectoryDb {
  return drizzle(env.DIRECTORY, { schema });
}
