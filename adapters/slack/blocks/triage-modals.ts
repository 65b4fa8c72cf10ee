import type { types } from '@slack/bolt';
import type { ServiceRequest } from '../../../src/domain/request.js';
import { CALLBACK, TRIAGE_BLOCK } from '../ids.js';
import { LIMIT } from './limits.js';
import { truncate } from './mrkdwn.js';

/** What a triage modal carries to its submission. */
export type TriageMeta = { requestId: string };

const plain = (text: string, max: number = LIMIT.optionText): types.PlainTextElement => ({
  type: 'plain_text',
  text: truncate(text, max),
});

function modal(
  callbackId: string,
  title: string,
  submit: string,
  request: ServiceRequest,
  blocks: types.KnownBlock[],
): types.ModalView {
  const meta: TriageMeta = { requestId: request.id };
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: JSON.stringify(meta),
    title: plain(`${title} ${request.ref}`, LIMIT.modalTitle),
    submit: plain(submit, LIMIT.modalButton),
    close: plain('Cancel', LIMIT.modalButton),
    blocks,
  };
}

function textInput(
  blockId: string,
  label: string,
  options: { optional?: boolean; max: number; placeholder?: string },
): types.InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    ...(options.optional ? { optional: true } : {}),
    element: {
      type: 'plain_text_input',
      action_id: blockId,
      multiline: true,
      max_length: options.max,
      ...(options.placeholder ? { placeholder: plain(options.placeholder, 150) } : {}),
    },
  };
}

export function assignModal(request: ServiceRequest): types.ModalView {
  return modal(CALLBACK.assignModal, 'Assign', 'Assign', request, [
    {
      type: 'input',
      block_id: TRIAGE_BLOCK.assignee,
      label: plain('Assign to'),
      element: {
        type: 'users_select',
        action_id: TRIAGE_BLOCK.assignee,
        placeholder: plain('A team member'),
      },
    },
  ]);
}

export function deferModal(request: ServiceRequest): types.ModalView {
  return modal(CALLBACK.deferModal, 'Defer', 'Defer', request, [
    {
      type: 'input',
      block_id: TRIAGE_BLOCK.until,
      label: plain('We will get to it by'),
      element: { type: 'datepicker', action_id: TRIAGE_BLOCK.until },
    },
    textInput(TRIAGE_BLOCK.reason, 'Why (the requester sees this)', { max: 500 }),
  ]);
}

export function waitModal(request: ServiceRequest): types.ModalView {
  const resources = { text: plain('Resources (parts, access, budget)'), value: 'resources' };
  const requester = { text: plain('The requester'), value: 'requester' };
  return modal(CALLBACK.waitModal, 'Waiting:', 'Save', request, [
    {
      type: 'input',
      block_id: TRIAGE_BLOCK.waitingOn,
      label: plain('Waiting on'),
      element: {
        type: 'radio_buttons',
        action_id: TRIAGE_BLOCK.waitingOn,
        options: [resources, requester],
        initial_option: resources,
      },
    },
    textInput(TRIAGE_BLOCK.note, 'Note (required when waiting on the requester)', {
      optional: true,
      max: 1_000,
      placeholder: 'What is needed?',
    }),
  ]);
}

/** The requester's own: withdraw the request, saying why if they like (the team sees it). */
export function cancelModal(request: ServiceRequest): types.ModalView {
  return {
    ...modal(CALLBACK.cancelModal, 'Cancel', 'Cancel request', request, [
      textInput(TRIAGE_BLOCK.reason, 'Why (optional; the team sees this)', { optional: true, max: 500 }),
    ]),
    close: plain('Keep it', LIMIT.modalButton),
  };
}

export function resolveModal(request: ServiceRequest): types.ModalView {
  return modal(CALLBACK.resolveModal, 'Resolve', 'Resolve', request, [
    textInput(TRIAGE_BLOCK.resolution, 'What was done (the requester sees this)', { max: 2_000 }),
  ]);
}
