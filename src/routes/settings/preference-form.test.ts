import { describe, expect, it } from 'vitest';
import { checkboxName, eventsOffered, preferencesFromForm } from './preference-form';

describe('the notification matrix form', () => {
  it('offers customers only the events they are ever told of, and staff all of them', () => {
    expect(eventsOffered('customer')).toEqual(['ticket.reply', 'chat.offline_message']);
    expect(eventsOffered('agent')).toEqual(['ticket.created', 'ticket.reply', 'ticket.assigned', 'sla.warning', 'sla.breach', 'chat.offline_message']);
  });

  it('turns checked boxes on and unchecked ones off, for exactly the events shown', () => {
    const form = new FormData();
    form.set(checkboxName('ticket.reply', 'sms'), 'on');
    form.set(checkboxName('ticket.reply', 'push'), 'on');
    form.set(checkboxName('chat.offline_message', 'email'), 'on');
    form.set('sms_phone', '+7 (916) 123-45-67');
    expect(preferencesFromForm(form, ['ticket.reply', 'chat.offline_message'])).toEqual({
      sms_phone: '+79161234567',
      events: [
        { event: 'ticket.reply', email: false, sms: true, push: true },
        { event: 'chat.offline_message', email: true, sms: false, push: false },
      ],
    });
  });

  it('removes the phone number when the field is left empty', () => {
    const form = new FormData();
    form.set('sms_phone', '  ');
    expect(preferencesFromForm(form, []).sms_phone).toBeNull();
  });
});
