export * from './users';
export * from './tickets';
export * from './audit';
export * from './idempotency';
export * from './notifications';
