import { createRouter } from '../../http/create-router';

export const usersRouter = createRouter();
