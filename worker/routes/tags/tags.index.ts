import { createRouter } from '../../http/create-router';

export const tagsRouter = createRouter();
