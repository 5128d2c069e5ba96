import { describe, expect, it } from 'vitest';
import { htmlReporter } from '../../src/report/reporters/html.js';
import { voiceSection } from '../../src/report/reporters/voice-html.js';
import type { VoiceOfCustomer } from '../../src/topics/build.js';
import { sampleReport } from './sample-report.js';

const voice: VoiceOfCustomer = {
  exchanges: 12,
  topics: [
    {
      term: 'gift card',
      exchanges: 4,
      customers: 3,
      negativeShare: 0.5,
      replyRate: 0.75,
      responseMedian: 600,
      related: ['card balance'],
      weeks: [
        { week: '2017-W43', exchanges: 1 },
        { week: '2017-W44', exchanges: 3 },
      ],
      quotes: [{ exchange: '1', message: '1', text: 'my gift card <script>alert(1)</script> is empty' }],
    },
  ],
  requests: [{ topic: 'gift card', exchanges: 1, cues: [{ cue: 'involvement.suggestion', count: 1 }], quotes: [{ exchange: '2', message: '2', text: 'add a "><img onerror=x> balance widget' }] }],
  complaints: [],
  praise: [],
};

describe('voice of the customer in HTML', () => {
  it('shows the topics with counts, shares, a weekly sparkline and quotes', () => {
    const html = voiceSection(voice, 10);
    expect(html).toContain('Voice of the customer');
    expect(html).toContain('<b>gift card</b>');
    expect(html).toContain('<td>4</td><td>3</td><td>50%</td><td>75%</td><td>10m</td>');
    expect(html).toContain('<title>2017-W44: 3</title>');
    expect(html).toContain('<h3>Requests and ideas</h3>');
    expect(html).toContain('<code>involvement.suggestion</code>');
  });

  it('escapes everything from the data', () => {
    const html = voiceSection(voice, 10);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('is part of the HTML report when the report has a voice section', () => {
    expect(htmlReporter({ ...sampleReport(), voice })).toContain('id="voice"');
    expect(htmlReporter(sampleReport())).not.toContain('id="voice"');
  });
});
