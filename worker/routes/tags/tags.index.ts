import { createRouter } from '../../http/create-router';
import * as tags from './tags.handlers';
import { createTagRoute, deleteTagRoute, listTagsRoute, updateTagRoute } from './tags.routes';

export const tagsRouter = createRouter()
  .openapi(listTagsRoute, tags.list)
  .openapi(createTagRoute, tags.create)
  .openapi(updateTagRoute, tags.update)
  .openapi(deleteTagRoute, tags.remove);
