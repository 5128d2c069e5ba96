// TEMPORARY: the VoiceReducer API over buildVoice, until the incremental reducer lands.
import type { TaggedExchange } from '../model/types.js';
import { buildVoice, type TopicOptions, type VoiceOfCustomer } from './build.js';

export class VoiceReducer {
  private readonly list: TaggedExchange[] = [];
  constructor(private readonly options: TopicOptions = {}) {}
  add(t: TaggedExchange): void {
    this.list.push(t);
  }
  result(): VoiceOfCustomer {
    return buildVoice(this.list, this.options);
  }
  close(): void {}
}
