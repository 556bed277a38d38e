export { consumersFromManifest } from './consumers.js';
export { APP_ERROR_REASON, TIMEOUT_REASON, appErrorOutcome, outcomeOf } from './outcome.js';
export { type QueueEmulatorOptions, createQueueEmulator } from './queue-service.js';
export type {
  AsyncEvent,
  AsyncEventDelivery,
  Concurrency,
  DeadLetter,
  DeliveryOutcome,
  DrainResult,
  QueueConsumer,
  QueueEmulator,
  RetryContext,
} from './types.js';
