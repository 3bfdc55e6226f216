import { createRouter } from '../../http/create-router';
import * as settings from './attachment-settings.handlers';
import { getAttachmentSettingsRoute, updateAttachmentSettingsRoute } from './attachment-settings.routes';
import * as attachments from './attachments.handlers';
import {
  articleImageRoute,
  deleteAttachmentRoute,
  downloadAttachmentRoute,
  getAttachmentRoute,
  listTicketAttachmentsRoute,
  uploadArticleImageRoute,
  uploadToCommentRoute,
  uploadToTicketRoute,
} from './attachments.routes';
import * as downloads from './downloads.handlers';

export const attachmentsRouter = createRouter()
  .openapi(uploadToTicketRoute, attachments.uploadToTicket)
  .openapi(uploadToCommentRoute, attachments.uploadToComment)
  .openapi(uploadArticleImageRoute, attachments.uploadArticleImage)
  .openapi(listTicketAttachmentsRoute, attachments.listForTicket)
  .openapi(getAttachmentRoute, attachments.get)
  .openapi(downloadAttachmentRoute, downloads.download)
  .openapi(articleImageRoute, downloads.articleImage)
  .openapi(deleteAttachmentRoute, attachments.remove)
  .openapi(getAttachmentSettingsRoute, settings.get)
  .openapi(updateAttachmentSettingsRoute, settings.update);
