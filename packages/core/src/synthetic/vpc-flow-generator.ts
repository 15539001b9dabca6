import { GoldMention, SpanBuilder } from './gold';
import { SeededRandom } from './rng';
import { publicIpv4, SimulatedWorld } from './world';
import { VPC_FLOW_V2_FIELDS } from '../logs/vpc-flow';

/** Columns of the custom (version 5) format the generator writes with a header line. */
export const VPC_FLOW_V5_FIELDS: readonly string[] = [
  'version',
  'account-id',
  'vpc-id',
  'subnet-id',
  'instance-id',
  'interface-id',
  'srcaddr',
  'dstaddr',
  'srcport',
  'dstport',
  'protocol',
  'packets',
  'bytes',
  'start',
  'end',
  'action',
  'log-status',
  'pkt-srcaddr',
  'pkt-dstaddr',
  'region',
  'flow-direction',
  'traffic-path',
];

/** One generated flow log line with its gold spans (offsets in the line, column name as field). */
export interface GeneratedLine {
  readonly text: string;
  readonly mentions: readonly GoldMention[];
}

const TYPES: Record<string, GoldMention['entity_type']> = {
  'account-id': 'aws-account-id',
  'interface-id': 'eni-id',
  'vpc-id': 'vpc-id',
  'subnet-id': 'subnet-id',
  'instance-id': 'instance-id',
  srcaddr: 'ipv4',
  dstaddr: 'ipv4',
  'pkt-srcaddr': 'ipv4',
  'pkt-dstaddr': 'ipv4',
};

/**
 * VPC Flow Logs lines of a world: version 2 default lines, or version 5
 * lines in the column order of {@link VPC_FLOW_V5_FIELDS} (the caller writes
 * the header). Inbound scans and rejects from public IPs, accepted internal
 * traffic, NODATA records with `-` fields.
 */
export function* generateVpcFlowLines(
  world: SimulatedWorld,
  options: { readonly lines: number; readonly seed: number; readonly version: 2 | 5 },
): Generator<GeneratedLine> {
  const rng = new SeededRandom(options.seed);
  const columns = options.version === 2 ? VPC_FLOW_V2_FIELDS : VPC_FLOW_V5_FIELDS;
  let t = Math.floor(Date.parse(world.start) / 1000);
  for (let i = 0; i < options.lines; i++) {
    const account = rng.pick(world.accounts);
    const eniIndex = rng.int(0, account.eniIds.length - 1);
    const local = `10.${eniIndex}.${rng.int(0, 15)}.${rng.int(4, 250)}`;
    const remote = rng.chance(0.5) ? `10.${rng.int(0, 5)}.${rng.int(0, 15)}.${rng.int(4, 250)}` : publicIpv4(rng);
    const inbound = rng.chance(0.5);
    const noData = rng.chance(0.03);
    t += rng.int(0, 3);
    const values: Record<string, string> = {
      version: String(options.version),
      'account-id': account.accountId,
      'interface-id': account.eniIds[eniIndex],
      'vpc-id': account.vpcIds[0],
      'subnet-id': account.subnetIds[eniIndex % account.subnetIds.length],
      'instance-id': rng.chance(0.8) ? account.instanceIds[eniIndex % account.instanceIds.length] : '-',
      srcaddr: inbound ? remote : local,
      dstaddr: inbound ? local : remote,
      srcport: String(inbound ? rng.int(1024, 65535) : rng.pick([443, 5432, 6379, 53])),
      dstport: String(inbound ? rng.pick([22, 443, 80, 3389, 8080]) : rng.int(1024, 65535)),
      protocol: rng.pick(['6', '6', '17']),
      packets: String(rng.int(1, 400)),
      bytes: String(rng.int(40, 600000)),
      start: String(t),
      end: String(t + rng.int(1, 60)),
      action: rng.chance(0.85) ? 'ACCEPT' : 'REJECT',
      'log-status': 'OK',
      'pkt-srcaddr': inbound ? remote : local,
      'pkt-dstaddr': inbound ? local : remote,
      region: account.homeRegion,
      'flow-direction': inbound ? 'ingress' : 'egress',
      'traffic-path': inbound ? '-' : String(rng.pick([1, 8])),
    };
    if (noData) {
      for (const k of [
        'srcaddr',
        'dstaddr',
        'srcport',
        'dstport',
        'protocol',
        'packets',
        'bytes',
        'pkt-srcaddr',
        'pkt-dstaddr',
        'action',
        'instance-id',
        'flow-direction',
        'traffic-path',
      ]) {
        values[k] = '-';
      }
      values['log-status'] = 'NODATA';
    }
    const b = new SpanBuilder();
    const mentions: GoldMention[] = [];
    columns.forEach((column, c) => {
      if (c > 0) b.add(' ');
      const value = values[column];
      const type = TYPES[column];
      if (type && value !== '-') {
        const start = b.build().text.length;
        b.add(value);
        mentions.push({ field: column, start, end: start + value.length, entity_type: type, entity_id: value });
      } else {
        b.add(value);
      }
    });
    yield { text: b.build().text, mentions };
  }
}
