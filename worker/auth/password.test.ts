import { describe, expect, it } from 'vitest';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './password';

const shape = (hash: string) => {
  const [scheme, n, r, p, salt, key] = hash.split('$');
  return { scheme, n, r, p, salt: Buffer.from(salt ?? '', 'base64url').length, key: Buffer.from(key ?? '', 'base64url').length };
};

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });

  it('treats differently composed Unicode as the same password', async () => {
    const hash = await hashPassword('Ёлка-пароль-\u0439');
    expect(await verifyPassword('Е\u0308лка-пароль-\u0438\u0306', hash)).toBe(true);
  });

  it('gives the dummy hash the same parameters as a real one, so an unknown e-mail costs a real verification', async () => {
    expect(shape(DUMMY_PASSWORD_HASH)).toEqual(shape(await hashPassword('anything at all')));
    expect(await verifyPassword('anything at all', DUMMY_PASSWORD_HASH)).toBe(false);
  });

  it('does not verify against a malformed stored hash', async () => {
    for (const stored of ['', 'plain', 'bcrypt$x$y$z$a$b', 'scrypt$16384$8$1$$']) {
      expect(await verifyPassword('whatever', stored)).toBe(false);
    }
  });
});
