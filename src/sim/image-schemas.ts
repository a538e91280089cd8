/**
 * Glance's `/v2/schemas/*`: JSON schemas of the image and metadata-definition resources, written
 * from the fields the simulated glance serves. Clients read them to learn which properties an
 * image has; extra image properties are strings.
 *
 * @example
 * imageSchema('image')?.name; // 'image'
 */

type Schema = Record<string, unknown>;

const str = (description: string, extra: Schema = {}): Schema => ({ type: 'string', description, ...extra });
const nullableStr = (description: string, extra: Schema = {}): Schema => ({ type: ['null', 'string'], description, ...extra });
const int = (description: string): Schema => ({ type: 'integer', description });

const IMAGE_PROPERTIES: Schema = {
  id: str('An identifier for the image', { pattern: '^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$' }),
  name: nullableStr('Descriptive name for the image', { maxLength: 255 }),
  status: str('Status of the image', { readOnly: true, enum: ['queued', 'saving', 'active', 'killed', 'deleted', 'uploading', 'importing', 'pending_delete', 'deactivated'] }),
  visibility: str('Scope of image accessibility', { enum: ['community', 'public', 'private', 'shared'] }),
  protected: { type: 'boolean', description: 'If true, image will not be deletable.' },
  os_hidden: { type: 'boolean', description: 'If true, image will not appear in default image list response.' },
  checksum: nullableStr('md5 hash of image contents.', { readOnly: true, maxLength: 32 }),
  os_hash_algo: nullableStr('Algorithm to calculate the os_hash_value', { readOnly: true, maxLength: 64 }),
  os_hash_value: nullableStr('Hexdigest of the image contents using the algorithm specified by os_hash_algo', { readOnly: true, maxLength: 128 }),
  owner: nullableStr('Owner of the image', { maxLength: 255 }),
  size: { type: ['null', 'integer'], readOnly: true, description: 'Size of image file in bytes' },
  virtual_size: { type: ['null', 'integer'], readOnly: true, description: 'Virtual size of image in bytes' },
  container_format: { type: ['null', 'string'], description: 'Format of the container', enum: [null, 'ami', 'ari', 'aki', 'bare', 'ovf', 'ova', 'docker', 'compressed'] },
  disk_format: { type: ['null', 'string'], description: 'Format of the disk', enum: [null, 'ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2', 'vdi', 'iso', 'ploop'] },
  created_at: str('Date and time of image registration', { readOnly: true }),
  updated_at: str('Date and time of the last image modification', { readOnly: true }),
  tags: { type: 'array', description: 'List of strings related to the image', items: { type: 'string', maxLength: 255 } },
  min_ram: int('Amount of ram (in MB) required to boot image.'),
  min_disk: int('Amount of disk space (in GB) required to boot image.'),
  self: str('An image self url', { readOnly: true }),
  file: str('An image file url', { readOnly: true }),
  schema: str('An image schema url', { readOnly: true }),
};

const LINKS = [{ rel: 'self', href: '{self}' }, { rel: 'enclosure', href: '{file}' }, { rel: 'describedby', href: '{schema}' }];

function image(): Schema {
  return { name: 'image', properties: IMAGE_PROPERTIES, additionalProperties: { type: 'string' }, links: LINKS };
}

function collection(name: string, item: Schema, itemsKey = name): Schema {
  return {
    name,
    properties: { [itemsKey]: { type: 'array', items: item }, schema: { type: 'string' }, first: { type: 'string' }, next: { type: 'string' } },
    links: [{ rel: 'first', href: '{first}' }, { rel: 'next', href: '{next}' }, { rel: 'describedby', href: '{schema}' }],
  };
}

const timestamps = { created_at: str('Date and time of creation', { readOnly: true, format: 'date-time' }), updated_at: str('Date and time of the last modification', { readOnly: true, format: 'date-time' }) };

const METADEF: Record<string, Schema> = {
  namespace: {
    name: 'namespace', required: ['namespace'], additionalProperties: false,
    properties: {
      namespace: str('The unique namespace text.', { maxLength: 80 }), display_name: str('The user friendly name for the namespace.', { maxLength: 80 }),
      description: str('Provides a user friendly description of the namespace.', { maxLength: 500 }), visibility: str('Scope of namespace accessibility.', { enum: ['public', 'private'] }),
      protected: { type: 'boolean', description: 'If true, namespace will not be deletable.' }, owner: str('Owner of the namespace.', { maxLength: 255 }), ...timestamps,
      schema: str('', { readOnly: true }), self: str('', { readOnly: true }), resource_type_associations: { type: 'array', items: { type: 'object' } },
      properties: { type: 'object' }, objects: { type: 'array', items: { type: 'object' } }, tags: { type: 'array', items: { type: 'object' } },
    },
  },
  resource_type: {
    name: 'resource_type_association', required: ['name'], additionalProperties: false,
    properties: {
      name: str('Resource type names should be aligned with Heat resource types whenever possible.', { maxLength: 80 }),
      prefix: str('Specifies the prefix to use for the given resource type.', { maxLength: 80 }),
      properties_target: str('Some resource types allow more than one key / value pair per instance.', { maxLength: 80 }), ...timestamps,
    },
  },
  object: {
    name: 'object', required: ['name'], additionalProperties: false,
    properties: { name: str('', { maxLength: 80 }), description: str(''), required: { type: 'array', items: { type: 'string' } }, properties: { type: 'object' }, ...timestamps, schema: str('', { readOnly: true }), self: str('', { readOnly: true }) },
  },
  property: {
    name: 'property', required: ['name', 'title', 'type'], additionalProperties: false,
    properties: {
      name: str('', { maxLength: 80 }), title: str(''), description: str(''), type: str('', { enum: [null, 'array', 'boolean', 'integer', 'number', 'object', 'string'] }),
      readonly: { type: 'boolean' }, default: {}, enum: { type: 'array' }, items: { type: 'object' }, minimum: { type: 'number' }, maximum: { type: 'number' },
      minLength: { type: 'integer' }, maxLength: { type: 'integer' }, pattern: { type: 'string', format: 'regex' }, operators: { type: 'array', items: { type: 'string' } },
    },
  },
  tag: { name: 'tag', required: ['name'], additionalProperties: false, properties: { name: str('', { maxLength: 255 }), ...timestamps } },
};

/**
 * The schema glance serves at `/v2/schemas/{name}`, or undefined for an unknown name.
 *
 * @example
 * imageSchema('metadefs/tags')?.name; // 'tags'
 */
export function imageSchema(name: string): Schema | undefined {
  switch (name) {
    case 'image': return image();
    case 'images': return collection('images', image());
    case 'member': return { name: 'member', properties: { member_id: str('An identifier for the image member (tenantId)'), image_id: str('An identifier for the image'), status: str('The status of this image member', { enum: ['pending', 'accepted', 'rejected'] }), ...timestamps, schema: str('', { readOnly: true }) } };
    case 'members': return collection('members', imageSchema('member') ?? {});
    case 'metadefs/namespaces': return collection('namespaces', METADEF.namespace ?? {});
    case 'metadefs/resource_types': return collection('resource_type_associations', METADEF.resource_type ?? {});
    case 'metadefs/objects': return collection('objects', METADEF.object ?? {});
    case 'metadefs/properties': return { name: 'properties', properties: { properties: { type: 'object', additionalProperties: METADEF.property } }, links: [{ rel: 'describedby', href: '{schema}' }] };
    case 'metadefs/tags': return collection('tags', METADEF.tag ?? {});
    default: {
      const single = name.startsWith('metadefs/') ? METADEF[name.slice('metadefs/'.length)] : undefined;
      return single ? { ...single, links: [{ rel: 'self', href: '{self}' }, { rel: 'describedby', href: '{schema}' }] } : undefined;
    }
  }
}
