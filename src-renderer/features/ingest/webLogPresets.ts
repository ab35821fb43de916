// The well-known default layouts of web access logs, offered as starting points for a custom Apache
// `LogFormat` or nginx `log_format` string: most custom layouts add a field or two to one of these.

export interface WebLogPreset {
  name: string
  label: string
  pattern: string
}

export const WEB_LOG_PRESETS: readonly WebLogPreset[] = [
  {
    name: 'combined',
    label: 'Apache combined',
    pattern: '%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"'
  },
  { name: 'common', label: 'Apache common', pattern: '%h %l %u %t "%r" %>s %b' },
  {
    name: 'vhost_combined',
    label: 'Apache vhost_combined',
    pattern: '%v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i"'
  },
  {
    name: 'nginx_main',
    label: 'nginx main',
    pattern:
      '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" ' +
      '"$http_user_agent" "$http_x_forwarded_for"'
  }
]
