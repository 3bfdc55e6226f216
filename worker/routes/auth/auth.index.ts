import { createRouter } from '../../http/create-router';

export const authRouter = createRouter();
