-- evaluatie: tables that are captioned and fit (PDF and HTML).
--
-- * Every table gets a caption, so tables are numbered without gaps: one without a caption is
--   captioned with the heading it stands under ("Monitordata"); a second uncaptioned table under
--   the same heading gets " (vervolg)".
-- * Typst: column widths from content (pandoc's equal percentage widths made narrow columns wrap
--   over five lines beside empty space, and long ids run into the next column); long unbroken
--   tokens in cells (file names, ids, hashes) get break opportunities (U+200B) after _ / . and
--   every 16 characters of a hash; a word of 16 or more letters ("re-integratievoorzieningen") may be
--   hyphenated (Dutch rules, #text(hyphenate: true)), so it does not run into the next column. Shorter
--   words are never split. (A Typst regex show rule did the same at 1,3 s per document.)
local kop = nil
local gebruikt = {}
local ZWSP = "\u{200B}"

local function kale_kop(inhoud)
  local tekst = pandoc.utils.stringify(inhoud)
  return (tekst:gsub("^%s*[%dA-Z]+%.%s+", ""))  -- "4. Eurostat-..." -> "Eurostat-..."
end

local function breekbaar(tekst)
  if utf8.len(tekst) == nil or utf8.len(tekst) <= 20 then return tekst end
  tekst = tekst:gsub("([_/%.])", "%1" .. ZWSP)
  return (tekst:gsub("(%x%x%x%x%x%x%x%x%x%x%x%x%x%x%x%x)", "%1" .. ZWSP))
end

-- runs of letters: ASCII letters and UTF-8 multibyte characters (é, ë, ï in Dutch words)
local LETTERS = "[%a\194-\244][%a\128-\191\194-\244]*"

local function cel_str(str)
  local tekst = breekbaar(str.text)
  if str.text:find("[_/%.%d@\\]") then  -- a file name, id or number: never hyphenated
    if tekst == str.text then return nil end
    return pandoc.Str(tekst)
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
  if #uit == 0 then
    if tekst == str.text then return nil end
    return pandoc.Str(tekst)
  end
  if pos <= #tekst then uit[#uit + 1] = pandoc.Str(tekst:sub(pos)) end
  return uit
end

-- rows (header included) up to which a table is not split over two pages
local KORTE_TABEL = 8

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
  },
}
