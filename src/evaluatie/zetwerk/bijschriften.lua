-- evaluatie: tables that are captioned and fit (PDF and HTML).
--
-- * Every table gets a caption, so tables are numbered without gaps: one without a caption is
--   captioned with the heading it stands under ("Monitordata"); a second uncaptioned table under
--   the same heading gets " (vervolg)".
-- * Typst: column widths from content (pandoc's equal percentage widths made narrow columns wrap
--   over five lines beside empty space, and long ids run into the next column); long unbroken
--   tokens in cells (file names, ids, hashes) get break opportunities (U+200B) after _ / . and
--   every 16 characters of a hash.
local kop = nil
local gebruikt = {}
local ZWSP = "\u{200B}"

local function kale_kop(inhoud)
  local tekst = pandoc.utils.stringify(inhoud)
  return (tekst:gsub("^%s*[%dA-Z]+%.%s+", ""))  -- "4. Eurostat-..." -> "Eurostat-..."
end

local function breekbaar(str)
  if utf8.len(str.text) == nil or utf8.len(str.text) <= 20 then return nil end
  local tekst = str.text:gsub("([_/%.])", "%1" .. ZWSP)
  tekst = tekst:gsub("(%x%x%x%x%x%x%x%x%x%x%x%x%x%x%x%x)", "%1" .. ZWSP)
  return pandoc.Str(tekst)
end

local function typst_tabel(el)
  for i, spec in ipairs(el.colspecs) do
    el.colspecs[i] = { spec[1], pandoc.ColWidthDefault }
  end
  return el:walk({ Str = breekbaar })
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
        return typst_tabel(el)
      end
      return el
    end,
  },
}
