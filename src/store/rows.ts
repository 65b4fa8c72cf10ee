import {
  eventDataSchema,
  type Person,
  personSchema,
  type RequestEvent,
  requestEventTypeSchema,
  type ServiceRequest,
  serviceRequestSchema,
} from '../domain/request.js';
import type { Person as PersonRow, Request as RequestRow } from '../generated/sqlite/client.js';

/** Rows are parsed, not cast: a status string the domain does not know fails loudly here. */
export function toRequest(row: RequestRow): ServiceRequest {
  return serviceRequestSchema.parse(row);
}

export function toPerson(row: PersonRow): Person {
  return personSchema.parse(row);
}

type EventRow = {
  id: number;
  requestId: string;
  at: Date;
  type: string;
  fromStatus: string | null;
  toStatus: string;
  data: string;
  actor: PersonRow | null;
};

export function toEvent(row: EventRow): RequestEvent {
  return {
    id: row.id,
    requestId: row.requestId,
    at: row.at,
    actor: row.actor ? toPerson(row.actor) : null,
    type: requestEventTypeSchema.parse(row.type),
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    data: eventDataSchema.parse(JSON.parse(row.data)),
  };
}
