-- Cahiers: parse many Markdown documents in one pandoc process (`pandoc lua batch.lua`).
--
-- Why a Lua script: pandoc starts in about 80 ms, so one process per file costs more than the
-- parsing itself, and concatenating files into one document mixes their footnote labels. Here
-- every document is read on its own by `pandoc.read`, in one process.
--
-- Safety: every read runs with an empty read environment (the 4th argument of pandoc.read),
-- which is pandoc's sandbox: readers cannot touch the file system. Nothing here runs code taken
-- from the documents.
--
-- Input (stdin, JSON): {"mode": "parse", "reader": "commonmark_x", "docs": [{"text": "..."}]}
--                   or {"mode": "cite", "docs": [{"bibliography": "<CSL JSON>", "lang": "fr-FR",
--                        "citations": [[{"id": "key", "prefix": "", "suffix": ""}]]}]}
-- Output (stdout): one JSON line per document, in order:
--   {"i": n, "messages": [<pandoc log messages>], "doc": <pandoc JSON AST>}  or  {"i": n, "error": "..."}

local log = require 'pandoc.log'
local json = require 'pandoc.json'

if not (log and log.silence) then
  io.stderr:write('cahiers: this pandoc is too old (pandoc.log.silence is missing)\n')
  os.exit(3)
end

local SANDBOX = {}

local EXTENSIONS = {
  sourcepos = true,           -- line numbers for findings and for the reader-visible text
  implicit_figures = true,    -- an image alone in its paragraph is a figure with a caption
  yaml_metadata_block = false, -- the front matter was stripped; a later `---` block is text
  raw_attribute = false,      -- no `{=html}` escape hatch (raw HTML is reported and dropped)
}

-- With sourcepos, every Str and Space is wrapped in its own Span carrying `data-pos`: the JSON
-- is four times larger than the text it holds, and decoding it dominated the cost. These two
-- patterns fold the common wrappers back into their content (Str keeps its line as "l"); the
-- rest (wrappers around Emph, Link, Note...) are unwrapped in Python.
local WRAPPED_STR = '{"t":"Span","c":%[%["",%[%],%[%["wrapper","1"%],%["data%-pos","(%d+):%d+%-%d+:%d+"%]%]%],'
  .. '%[{"t":"Str","c":("[^"\\]*")}%]%]}'
local WRAPPED_SPACE = '{"t":"Span","c":%[%["",%[%],%[%["wrapper","1"%],%["data%-pos","[%d:%-]*"%]%]%],'
  .. '%[({"t":"[SoftBreakpace]+"})%]%]}'

local function compact(js)
  js = js:gsub(WRAPPED_STR, '{"t":"Str","c":%2,"l":%1}')
  js = js:gsub(WRAPPED_SPACE, '%1')
  return js
end

local function emit(i, messages, doc_json)
  io.write('{"i":', tostring(i), ',"messages":', json.encode(messages), ',"doc":', doc_json, '}\n')
end

local function emit_error(i, err)
  io.write(json.encode({ i = i, error = tostring(err) }), '\n')
end

local function parse(i, d, reader)
  -- The extensions are commonmark_x's; another reader (only the tests ask) takes its defaults.
  local format = reader == 'commonmark_x' and { format = reader, extensions = EXTENSIONS } or reader
  local ok, messages, doc = pcall(log.silence, pandoc.read, d.text, format, {}, SANDBOX)
  if not ok then
    return emit_error(i, messages)
  end
  emit(i, messages, compact(pandoc.write(doc, 'json')))
end

local function citation_list(items)
  local cits = {}
  for _, item in ipairs(items) do
    local c = pandoc.Citation(item.id, 'NormalCitation')
    if item.prefix and item.prefix ~= '' then c.prefix = pandoc.Inlines(item.prefix) end
    if item.suffix and item.suffix ~= '' then c.suffix = pandoc.Inlines(item.suffix) end
    table.insert(cits, c)
  end
  return cits
end

local function cite(i, d)
  local ok, err = pcall(function()
    local refs = pandoc.read(d.bibliography, 'csljson', {}, SANDBOX)
    local blocks = pandoc.Blocks{}
    for _, items in ipairs(d.citations) do
      blocks:insert(pandoc.Para{ pandoc.Cite({ pandoc.Str('') }, citation_list(items)) })
    end
    local doc = pandoc.Pandoc(blocks, { references = refs.meta.references, lang = d.lang })
    local messages, out = log.silence(pandoc.utils.citeproc, doc)
    emit(i, messages, pandoc.write(out, 'json'))
  end)
  if not ok then emit_error(i, err) end
end

local request = json.decode(io.read('a'), false)
for i, d in ipairs(request.docs) do
  if request.mode == 'cite' then
    cite(i, d)
  else
    parse(i, d, request.reader or 'commonmark_x')
  end
  io.stdout:flush()
end
