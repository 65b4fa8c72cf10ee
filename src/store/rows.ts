import {
  eventDataSchema,
  type Person,
  personSchema,
  type RequestEvent,
  requestEventTypeSchema,
  type ServiceRequest,
  serviceRequestSchema,
} from '../domain/request.js';
import type {
  Person as PersonRow,
  RequestEvent as RequestEventRow,
  Request as RequestRow,
} from '../generated/sqlite/client.js';

// Rows are parsed, not cast: a status string the domain does not know fails loudly here.

export function toRequest(row: RequestRow): ServiceRequest {
  return serviceRequestSchema.parse(row);
}

export function toPerson(row: PersonRow): Person {
  return personSchema.parse(row);
}

export function toEvent(row: RequestEventRow & { actor: PersonRow | null }): RequestEvent {
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
