// From a decoded record's element tree to the WindowsEvent every Windows reader hands the one mapping
// (windowsEventMapping.ts): the System block, EventData by name (unnamed Data as param1, param2 …), UserData
// as a nested object in evtx_dump's shape ('#attributes', '#text'), and the rendered message when present.

import type { WindowsEvent, WindowsSystem } from '../windowsEventMapping'
import type { XmlElement } from './evtxTypes'

export function windowsEventOfXml(root: XmlElement): WindowsEvent {
  const system = child(root, 'System')
  const eventData = child(root, 'EventData')
  const userData = child(root, 'UserData')
  const message = child(child(root, 'RenderingInfo'), 'Message')
  const event: WindowsEvent = {
    system: system === undefined ? {} : systemOf(system),
    eventData: eventData === undefined ? {} : eventDataOf(eventData)
  }
  if (userData !== undefined) event.userData = userDataOf(userData)
  if (message !== undefined) event.message = textOf(message)
  return event
}

function systemOf(system: XmlElement): WindowsSystem {
  const result: Record<string, string | number> = {}
  const set = (key: keyof WindowsSystem, value: string | number | undefined): void => {
    if (value !== undefined) result[key] = value
  }
  for (const element of system.children) {
    if (typeof element === 'string' || element.kind !== 'element') continue
    switch (element.name) {
      case 'Provider':
        set('providerName', attribute(element, 'Name'))
        set('providerGuid', attribute(element, 'Guid'))
        set('eventSourceName', attribute(element, 'EventSourceName'))
        break
      case 'EventID':
        set('eventId', integer(textOf(element)))
        set('qualifiers', integer(attribute(element, 'Qualifiers')))
        break
      case 'Version':
        set('version', integer(textOf(element)))
        break
      case 'Level':
      case 'Task':
      case 'Opcode': {
        const text = textOf(element)
        set(
          element.name === 'Level' ? 'level' : element.name === 'Task' ? 'task' : 'opcode',
          integer(text) ?? nonEmpty(text)
        )
        break
      }
      case 'Keywords':
        set('keywords', nonEmpty(textOf(element)))
        break
      case 'TimeCreated':
        set('timeCreated', attribute(element, 'SystemTime'))
        break
      case 'EventRecordID':
        set('eventRecordId', integer(textOf(element)))
        break
      case 'Correlation':
        set('activityId', attribute(element, 'ActivityID'))
        set('relatedActivityId', attribute(element, 'RelatedActivityID'))
        break
      case 'Execution':
        set('processId', integer(attribute(element, 'ProcessID')))
        set('threadId', integer(attribute(element, 'ThreadID')))
        break
      case 'Channel':
        set('channel', nonEmpty(textOf(element)))
        break
      case 'Computer':
        set('computer', nonEmpty(textOf(element)))
        break
      case 'Security':
        set('userId', attribute(element, 'UserID'))
        break
    }
  }
  return result as WindowsSystem
}

/** Named Data by name, unnamed Data as param1, param2 … in order, other elements (Binary) by their name. */
function eventDataOf(eventData: XmlElement): Record<string, string> {
  const data: Record<string, string> = {}
  let unnamed = 0
  let hasElements = false
  for (const element of eventData.children) {
    if (typeof element === 'string' || element.kind !== 'element') continue
    hasElements = true
    const name = element.name === 'Data' ? attribute(element, 'Name') : element.name
    data[name ?? `param${++unnamed}`] = textOf(element)
  }
  const text = textOf(eventData)
  if (!hasElements && text.trim() !== '') data['param1'] = text
  return data
}

/** UserData's elements as evtx_dump nests them: `{ LogFileCleared: { SubjectUserName: 'bob', … } }`. */
function userDataOf(userData: XmlElement): Record<string, unknown> {
  return childrenOf(userData)
}

function childrenOf(element: XmlElement): Record<string, unknown> {
  const object: Record<string, unknown> = {}
  for (const node of element.children) {
    if (typeof node === 'string' || node.kind !== 'element') continue
    const value = objectOf(node)
    const previous = object[node.name]
    if (previous === undefined) object[node.name] = value
    else if (Array.isArray(previous)) previous.push(value)
    else object[node.name] = [previous, value]
  }
  return object
}

/** An element's text when it has nothing else; otherwise its attributes, children and text as an object. */
function objectOf(element: XmlElement): unknown {
  const hasElements = element.children.some((node) => typeof node !== 'string' && node.kind === 'element')
  const text = hasElements ? ownText(element).trim() : textOf(element)
  if (element.attributes.length === 0 && !hasElements) return text
  const object: Record<string, unknown> = {}
  if (element.attributes.length > 0) {
    object['#attributes'] = Object.fromEntries(element.attributes.map(({ name, value }) => [name, value]))
  }
  Object.assign(object, childrenOf(element))
  if (text !== '') object['#text'] = text
  return object
}

function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  if (element === undefined) return undefined
  for (const node of element.children) {
    if (typeof node !== 'string' && node.kind === 'element' && node.name === name) return node
  }
  return undefined
}

function attribute(element: XmlElement, name: string): string | undefined {
  return element.attributes.find((candidate) => candidate.name === name)?.value
}

/** All the text inside an element, its descendants' included (CDATA as text). */
function textOf(element: XmlElement): string {
  let text = ''
  for (const node of element.children) {
    if (typeof node === 'string') text += node
    else if (node.kind === 'cdata') text += node.text
    else if (node.kind === 'element') text += textOf(node)
  }
  return text
}

/** The text directly inside an element, not its child elements'. */
function ownText(element: XmlElement): string {
  let text = ''
  for (const node of element.children) {
    if (typeof node === 'string') text += node
    else if (node.kind === 'cdata') text += node.text
  }
  return text
}

function integer(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const trimmed = text.trim()
  return /^\d{1,15}$/.test(trimmed) ? Number(trimmed) : undefined
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text
}
