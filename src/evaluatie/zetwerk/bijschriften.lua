-- evaluatie: tables that are captioned and fit (PDF and HTML).
--
-- * Every table gets a caption, so tables are numbered without gaps: one without a caption is
--   captioned with the heading it stands under ("Monitordata"); a second uncaptioned table under
--   the same heading gets " (vervolg)".
-- * Typst: column widths from content (pandoc's equal percentage widths made narrow columns wrap
--   over five lines beside empty space, and long ids run into the next column); long unbroken
--   tokens in cells (file names, ids, hashes) get break opportunities after _ / . and after every
--   16 characters of a hash; a word of 16 or more letters ("re-integratievoorzieningen") may be
--   hyphenated (Dutch rules, #text(hyphenate: true)), so it does not run into the next column. Shorter
--   words are never split. (A Typst regex show rule did the same at 1,3 s per document.)
--   A break opportunity is an empty box (BREEKPUNT), not a character: Typst may end a line at it, and
--   the PDF's text has nothing there, so a path or checksum copied from the PDF is the exact string
--   (U+200B, used before, stayed in the copied text and a copied hash no longer compared equal).
--   The terms of a definition list (file names in the technical account) get the same break
--   opportunities.
local kop = nil
local gebruikt = {}
-- an empty inline box: a line may break before or after it (Unicode class CB), and it adds no
-- character to the PDF's text; ";" ends the Typst expression, so text after it is never read as
-- arguments of the call
local BREEKPUNT = "#box[];"
local MERK = "\0"  -- marks a break opportunity while the cell text is cut up (never in pandoc text)

local function kale_kop(inhoud)
  local tekst = pandoc.utils.stringify(inhoud)
  return (tekst:gsub("^%s*[%dA-Z]+%.%s+", ""))  -- "4. Eurostat-..." -> "Eurostat-..."
end

-- A long token cut at its break opportunities (after _ / . and after every 16 hex digits): the
-- pieces as Str with a BREEKPUNT between them, or nil when it gets none (20 characters or fewer).
local function breekbaar(tekst)
  if utf8.len(tekst) == nil or utf8.len(tekst) <= 20 then return nil end
  local gemerkt = tekst:gsub("([_/%.])", "%1" .. MERK)
  gemerkt = gemerkt:gsub("(%x%x%x%x%x%x%x%x%x%x%x%x%x%x%x%x)", "%1" .. MERK)
  local uit = {}
  for stuk in gemerkt:gmatch("[^\0]+") do
    if #uit > 0 then uit[#uit + 1] = pandoc.RawInline("typst", BREEKPUNT) end
    uit[#uit + 1] = pandoc.Str(stuk)
  end
  if #uit <= 1 then return nil end
  return uit
end

-- runs of letters: ASCII letters and UTF-8 multibyte characters (é, ë, ï in Dutch words)
local LETTERS = "[%a\194-\244][%a\128-\191\194-\244]*"

local function cel_str(str)
  local tekst = str.text
  if tekst:find("[_/%.%d@\\]") then  -- a file name, id or number: never hyphenated
    return breekbaar(tekst)
  end
  local uit, pos, zoek = {}, 1, 1
  while true do
    local a, b = tekst:find(LETTERS, zoek)
    if not a then break end
    if (utf8.len(tekst:sub(a, b)) or 0) >= 16 then
      if a > pos then uit[#uit + 1] = pandoc.Str(tekst:sub(pos, a - 1)) end
      uit[#uit + 1] = pandoc.RawInline("typst", "#text(hyphenate: true)[" .. tekst:sub(a, b) .. "]")
      pos = b + 1
    end
    zoek = b + 1
  end
  if #uit == 0 then return nil end
  if pos <= #tekst then uit[#uit + 1] = pandoc.Str(tekst:sub(pos)) end
  return uit
end

-- rows (header included) up to which a table is not split over two pages
local KORTE_TABEL = 8

-- a Str of a file name, id or number in a definition list's term (the input files of the technical
-- account): break opportunities as in a table cell, no hyphenation
local function term_str(str)
  if str.text:find("[_/%.%d@\\]") then return breekbaar(str.text) end
  return nil
end

local function typst_tabel(el)
  for i, spec in ipairs(el.colspecs) do
    el.colspecs[i] = { spec[1], pandoc.ColWidthDefault }
  end
  return el:walk({ Str = cel_str })
end

return {
  {
    traverse = "topdown",
    Header = function(el)
      kop = kale_kop(el.content)
      return nil
    end,
    Table = function(el)
      if #el.caption.long == 0 and kop then
        local tekst = kop
        if gebruikt[kop] then tekst = kop .. " (vervolg)" end
        gebruikt[kop] = true
        el.caption.long = { pandoc.Plain({ pandoc.Str(tekst) }) }
      end
      if FORMAT:match("typst") then
        -- a short table is kept on one page with its caption (a two-row table split after its first row
        -- reads as two tables); longer tables may break, their caption and header repeat
        local rijen = #el.head.rows
        for _, body in ipairs(el.bodies) do rijen = rijen + #body.head + #body.body end
        if rijen <= KORTE_TABEL then
          return { pandoc.RawBlock("typst", "#block(breakable: false)["), typst_tabel(el), pandoc.RawBlock("typst", "]") }
        end
        return typst_tabel(el)
      end
      return el
    end,
    DefinitionList = function(el)
      if not FORMAT:match("typst") then return nil end
      for _, item in ipairs(el.content) do
        item[1] = pandoc.Inlines(item[1]):walk({ Str = term_str })
      end
      return el
    end,
  },
}
