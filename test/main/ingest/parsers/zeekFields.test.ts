// The one Zeek-to-ECS mapping both Zeek readers use, one rule at a time: connection fields and totals,
// each log type's own fields, the uid kept out of event.id, outcomes and authentication attempts, log
// types told from field sets, and times read to the millisecond without float drift.

import { describe, expect, it } from 'vitest'
import {
  describeZeekRecord,
  describeZeekTimeProblem,
  inferZeekLogType,
  zeekEpochNumberToMs,
  zeekEpochTextToMs,
  type ZeekValue
} from '../../../../src-main/core/ingest/parsers/zeekFields'

function record(values: Record<string, ZeekValue>): Map<string, ZeekValue> {
  return new Map(Object.entries(values))
}

const CONNECTION = {
  ts: 1772442000.123456,
  uid: 'CAbc1x2YzQ9dEf01',
  'id.orig_h': '192.0.2.10',
  'id.orig_p': 49152,
  'id.resp_h': '198.51.100.7',
  'id.resp_p': 443
}

describe('describeZeekRecord: fields every log shares', () => {
  it('maps the connection, sums bytes and packets, and keeps every original field in extra', () => {
    const { fields, extra } = describeZeekRecord(
      'conn',
      record({
        ...CONNECTION,
        proto: 'tcp',
        service: 'ssl',
        orig_bytes: 1520,
        resp_bytes: 40213,
        orig_pkts: 24,
        resp_pkts: 36,
        conn_state: 'SF',
        local_orig: true,
        tunnel_parents: ['CTun1a', 'CTun1b']
      })
    )
    expect(fields).toEqual({
      'event.kind': 'event',
      'event.module': 'zeek',
      'event.dataset': 'zeek.conn',
      'event.category': 'network',
      'source.ip': '192.0.2.10',
      'source.port': 49152,
      'destination.ip': '198.51.100.7',
      'destination.port': 443,
      'network.transport': 'tcp',
      'network.protocol': 'ssl',
      'source.bytes': 1520,
      'destination.bytes': 40213,
      'source.packets': 24,
      'destination.packets': 36,
      'network.bytes': 41733,
      'network.packets': 60,
      message: 'tcp ssl SF (established and closed) 41733 bytes (192.0.2.10:49152 -> 198.51.100.7:443)'
    })
    expect(extra).toEqual({
      'zeek.ts': 1772442000.123456,
      'zeek.uid': 'CAbc1x2YzQ9dEf01',
      'zeek.id.orig_h': '192.0.2.10',
      'zeek.id.orig_p': 49152,
      'zeek.id.resp_h': '198.51.100.7',
      'zeek.id.resp_p': 443,
      'zeek.proto': 'tcp',
      'zeek.service': 'ssl',
      'zeek.orig_bytes': 1520,
      'zeek.resp_bytes': 40213,
      'zeek.orig_pkts': 24,
      'zeek.resp_pkts': 36,
      'zeek.conn_state': 'SF',
      'zeek.local_orig': 'true',
      'zeek.tunnel_parents': 'CTun1a,CTun1b'
    })
  })

  it('keeps uid out of event.id: a uid names a connection that many records share', () => {
    for (const logType of ['conn', 'dns', 'http', 'notice']) {
      const { fields, extra } = describeZeekRecord(logType, record(CONNECTION))
      expect(fields['event.id']).toBeUndefined()
      expect(extra['zeek.uid']).toBe('CAbc1x2YzQ9dEf01')
    }
  })

  it('sums bytes only when both directions are known', () => {
    const { fields } = describeZeekRecord('conn', record({ ...CONNECTION, orig_bytes: 410 }))
    expect(fields['source.bytes']).toBe(410)
    expect(fields['network.bytes']).toBeUndefined()
  })

  it('admits only valid IPs to the address columns, canonicalised, and numeric ports', () => {
    const { fields, extra } = describeZeekRecord(
      'conn',
      record({
        'id.orig_h': '::ffff:192.0.2.77',
        'id.orig_p': 'x',
        'id.resp_h': 'not-an-ip',
        'id.resp_p': '53'
      })
    )
    expect(fields['source.ip']).toBe('192.0.2.77')
    expect(fields['source.port']).toBeUndefined()
    expect(fields['destination.ip']).toBeUndefined()
    expect(fields['destination.port']).toBe(53)
    expect(extra['zeek.id.resp_h']).toBe('not-an-ip')
  })

  it('names records of no known log zeek.unknown and still maps their connection', () => {
    const { fields } = describeZeekRecord(undefined, record(CONNECTION))
    expect(fields['event.dataset']).toBe('zeek.unknown')
    expect(fields['source.ip']).toBe('192.0.2.10')
    expect(fields['message']).toBe('Zeek record (192.0.2.10:49152 -> 198.51.100.7:443)')
  })
})

describe('describeZeekRecord: each log type', () => {
  it('dns: question, type, response code and the answers comma-joined', () => {
    const { fields } = describeZeekRecord(
      'dns',
      record({
        ...CONNECTION,
        proto: 'udp',
        query: 'www.example.org',
        qtype_name: 'A',
        rcode_name: 'NOERROR',
        answers: ['web.example.org', '198.51.100.80']
      })
    )
    expect(fields).toMatchObject({
      'dns.question.name': 'www.example.org',
      'dns.question.type': 'A',
      'dns.response_code': 'NOERROR',
      'dns.answers': 'web.example.org,198.51.100.80',
      'network.protocol': 'dns',
      message:
        'DNS A www.example.org NOERROR: web.example.org,198.51.100.80 (192.0.2.10:49152 -> 198.51.100.7:443)'
    })
  })

  it('http: URL parts, method, status with its outcome, agent, referrer, body length, user', () => {
    const { fields, extra } = describeZeekRecord(
      'http',
      record({
        ...CONNECTION,
        method: 'POST',
        host: 'shop.example:8080',
        uri: '/login?next=%2Fadmin',
        status_code: 401,
        user_agent: 'curl/8.5.0',
        referrer: 'http://shop.example/',
        request_body_len: 38,
        response_body_len: 512,
        version: '1.1',
        username: 'admin'
      })
    )
    expect(fields).toMatchObject({
      'event.category': 'web',
      'event.outcome': 'failure',
      'url.domain': 'shop.example',
      'url.original': '/login?next=%2Fadmin',
      'url.path': '/login',
      'url.query': 'next=%2Fadmin',
      'http.request.method': 'POST',
      'http.response.status_code': 401,
      'user_agent.original': 'curl/8.5.0',
      'http.request.referrer': 'http://shop.example/',
      'http.response.body.bytes': 512,
      'http.version': '1.1',
      'user.name': 'admin',
      message: 'POST shop.example:8080/login?next=%2Fadmin 401 (192.0.2.10:49152 -> 198.51.100.7:443)'
    })
    expect(extra['zeek.request_body_len']).toBe(38)
  })

  it('http: an IPv6 Host keeps its colons, and a success is a success', () => {
    const { fields } = describeZeekRecord('http', record({ host: '2001:db8::1', uri: '/', status_code: 200 }))
    expect(fields['url.domain']).toBe('2001:db8::1')
    expect(fields['url.path']).toBe('/')
    expect(fields['url.query']).toBeUndefined()
    expect(fields['event.outcome']).toBe('success')
  })

  it('ssl: the SNI as tls.client.server_name', () => {
    const { fields } = describeZeekRecord(
      'ssl',
      record({ server_name: 'login.example.com', version: 'TLSv12' })
    )
    expect(fields['tls.client.server_name']).toBe('login.example.com')
    expect(fields['network.protocol']).toBe('tls')
    expect(fields['message']).toBe('TLS TLSv12 login.example.com')
  })

  it('ssh: auth_success is an ssh_login attempt and its outcome; client and server stay in extra', () => {
    const failed = describeZeekRecord(
      'ssh',
      record({
        ...CONNECTION,
        auth_success: false,
        client: 'SSH-2.0-libssh2_1.10.0',
        server: 'SSH-2.0-OpenSSH_9.6'
      })
    )
    expect(failed.fields).toMatchObject({
      'event.category': 'authentication',
      'event.action': 'ssh_login',
      'event.outcome': 'failure'
    })
    expect(failed.extra['zeek.client']).toBe('SSH-2.0-libssh2_1.10.0')
    const unknown = describeZeekRecord('ssh', record({ ...CONNECTION, client: 'SSH-2.0-Go' }))
    expect(unknown.fields['event.action']).toBeUndefined()
    expect(unknown.fields['event.outcome']).toBeUndefined()
    expect(unknown.fields['message']).toContain('authentication outcome unknown')
  })

  it('files: hashes, file name, and the sending and receiving hosts of pre-5.0 files.log', () => {
    const { fields } = describeZeekRecord(
      'files',
      record({
        fuid: 'F1',
        filename: 'invoice.exe',
        md5: 'm',
        sha1: 's1',
        sha256: 's256',
        tx_hosts: ['198.51.100.7'],
        rx_hosts: ['192.0.2.10', '192.0.2.11']
      })
    )
    expect(fields).toMatchObject({
      'event.category': 'file',
      'file.name': 'invoice.exe',
      'file.hash.md5': 'm',
      'file.hash.sha1': 's1',
      'file.hash.sha256': 's256',
      'source.ip': '198.51.100.7'
    })
    // Two receivers: no single destination to name.
    expect(fields['destination.ip']).toBeUndefined()
  })

  it('notice: an alert naming its rule, msg as the message, src/dst when there is no connection', () => {
    const { fields } = describeZeekRecord(
      'notice',
      record({
        note: 'SSH::Password_Guessing',
        msg: '203.0.113.51 appears to be guessing SSH passwords (seen in 30 connections).',
        src: '203.0.113.51',
        p: 22
      })
    )
    expect(fields).toEqual({
      'event.kind': 'alert',
      'event.module': 'zeek',
      'event.dataset': 'zeek.notice',
      'event.category': 'intrusion_detection',
      'rule.name': 'SSH::Password_Guessing',
      message: '203.0.113.51 appears to be guessing SSH passwords (seen in 30 connections).',
      'source.ip': '203.0.113.51',
      'destination.port': 22
    })
  })

  it('notice: the connection wins over src/dst', () => {
    const { fields } = describeZeekRecord(
      'notice',
      record({ ...CONNECTION, note: 'X', msg: 'y', src: '203.0.113.1', dst: '203.0.113.2' })
    )
    expect(fields['source.ip']).toBe('192.0.2.10')
    expect(fields['destination.ip']).toBe('198.51.100.7')
  })

  it('weird: the weird name as rule.name', () => {
    const { fields } = describeZeekRecord(
      'weird',
      record({ ...CONNECTION, name: 'bad_HTTP_request', addl: 'x' })
    )
    expect(fields['rule.name']).toBe('bad_HTTP_request')
    expect(fields['event.kind']).toBe('event')
    expect(fields['message']).toBe('weird bad_HTTP_request: x (192.0.2.10:49152 -> 198.51.100.7:443)')
  })

  it('x509: everything in extra, the subject and issuer in the message', () => {
    const { fields, extra } = describeZeekRecord(
      'x509',
      record({ 'certificate.subject': 'CN=a', 'certificate.issuer': 'CN=b', 'san.dns': ['a', 'b'] })
    )
    expect(fields['message']).toBe('certificate CN=a issued by CN=b')
    expect(extra).toEqual({
      'zeek.certificate.subject': 'CN=a',
      'zeek.certificate.issuer': 'CN=b',
      'zeek.san.dns': 'a,b'
    })
  })

  it('kerberos and ntlm: authentication outcomes and the account', () => {
    const kerberos = describeZeekRecord(
      'kerberos',
      record({ client: 'alice/CORP.EXAMPLE', success: false, error_msg: 'KDC_ERR_PREAUTH_FAILED' })
    )
    expect(kerberos.fields).toMatchObject({
      'event.category': 'authentication',
      'event.outcome': 'failure',
      'user.name': 'alice',
      'user.domain': 'CORP.EXAMPLE'
    })
    // Zeek logs a client without a principal as /REALM.
    expect(describeZeekRecord('kerberos', record({ client: '/NM' })).fields['user.name']).toBeUndefined()
    const ntlm = describeZeekRecord(
      'ntlm',
      record({ username: 'Administrator', domainname: 'FACTORY', success: true })
    )
    expect(ntlm.fields).toMatchObject({
      'event.outcome': 'success',
      'user.name': 'Administrator',
      'user.domain': 'FACTORY',
      message: 'NTLM FACTORY\\Administrator success'
    })
  })

  it('known_services: the service as the destination it offers', () => {
    const { fields } = describeZeekRecord(
      'known_services',
      record({ host: '10.47.3.200', port_num: 80, port_proto: 'tcp', service: ['HTTP'] })
    )
    expect(fields).toMatchObject({
      'destination.ip': '10.47.3.200',
      'destination.port': 80,
      'network.transport': 'tcp',
      'network.protocol': 'http',
      message: 'known service HTTP (to 10.47.3.200:80)'
    })
  })

  it('reads counts written as digits (zeek-cut output has no #types)', () => {
    const { fields } = describeZeekRecord('http', record({ 'id.orig_p': '62604', status_code: '200' }))
    expect(fields['source.port']).toBe(62604)
    expect(fields['http.response.status_code']).toBe(200)
  })
})

describe('inferZeekLogType', () => {
  const cases: [string, string[]][] = [
    ['conn', ['ts', 'uid', 'id.orig_h', 'proto', 'conn_state']],
    ['dns', ['ts', 'uid', 'query', 'qtype_name']],
    ['dns', ['ts', 'uid', 'trans_id', 'rejected']],
    ['http', ['ts', 'uid', 'method', 'host', 'uri']],
    ['ssl', ['ts', 'uid', 'server_name', 'version']],
    ['ssl', ['ts', 'uid', 'resumed', 'established']],
    ['ssh', ['ts', 'uid', 'auth_success', 'client']],
    ['files', ['ts', 'fuid', 'mime_type', 'seen_bytes']],
    ['ftp', ['ts', 'uid', 'user', 'command', 'reply_code', 'mime_type', 'fuid']],
    ['notice', ['ts', 'note', 'msg']],
    ['weird', ['ts', 'name', 'addl']],
    ['weird', ['ts', 'name', 'notice', 'peer']],
    ['x509', ['ts', 'fingerprint', 'certificate.subject']],
    ['dhcp', ['ts', 'uids', 'msg_types']],
    ['smtp', ['ts', 'uid', 'helo', 'mailfrom']],
    ['rdp', ['ts', 'uid', 'cookie', 'result']],
    ['rdp', ['ts', 'uid', 'cookie', 'cert_count']],
    ['smb_mapping', ['ts', 'uid', 'path', 'share_type']],
    ['smb_files', ['ts', 'uid', 'action', 'name']],
    ['kerberos', ['ts', 'uid', 'request_type', 'client']],
    ['dce_rpc', ['ts', 'uid', 'endpoint', 'operation']],
    ['ntlm', ['ts', 'uid', 'server_nb_computer_name']],
    ['software', ['ts', 'host', 'software_type']],
    ['known_services', ['ts', 'host', 'port_num', 'port_proto']],
    ['known_hosts', ['ts', 'host']],
    ['known_hosts', ['_path', '_write_ts', 'ts', 'host']]
  ]
  for (const [logType, names] of cases) {
    it(`tells ${logType} from ${names.join(' ')}`, () => {
      expect(inferZeekLogType(new Map(names.map((name) => [name, 'x'])))).toBe(logType)
    })
  }

  it('knows no log from a host with other fields, or from a bare connection', () => {
    expect(inferZeekLogType(record({ ts: 1, host: 'a', level: 'info' }))).toBeUndefined()
    expect(inferZeekLogType(record(CONNECTION))).toBeUndefined()
  })
})

describe('Zeek times', () => {
  it('reads epoch seconds text digit by digit, truncating to the millisecond', () => {
    expect(zeekEpochTextToMs('1521911720.865716')).toBe(1521911720865)
    expect(zeekEpochTextToMs('1521911720.8')).toBe(1521911720800)
    expect(zeekEpochTextToMs('1521911720')).toBe(1521911720000)
    expect(zeekEpochTextToMs('0.000999')).toBe(0)
    // 1.005 is 1.00499999… in binary: digit-by-digit reading is what keeps it at 1005 ms.
    expect(zeekEpochTextToMs('1.005')).toBe(1005)
  })

  it('refuses text that is not epoch seconds', () => {
    for (const text of ['', '-', '.5', '1.', '12a', '1e9', '-1.0', 'XXXXXXXXXX.XXXXXX', '1234567890123.0']) {
      expect(zeekEpochTextToMs(text), text).toBeNull()
    }
  })

  it('reads epoch seconds numbers at the microsecond Zeek wrote', () => {
    expect(zeekEpochNumberToMs(1521911720.865716)).toBe(1521911720865)
    expect(zeekEpochNumberToMs(1521911720.865)).toBe(1521911720865)
    expect(zeekEpochNumberToMs(-1)).toBeNull()
    expect(zeekEpochNumberToMs(Number.NaN)).toBeNull()
  })

  it('names masked btest times as masked', () => {
    expect(describeZeekTimeProblem('XXXXXXXXXX.XXXXXX')).toMatch(/is masked/)
    expect(describeZeekTimeProblem('soon')).toBe(
      `ts 'soon' is not epoch seconds like 1521911720.865716 or an ISO 8601 time`
    )
  })
})
