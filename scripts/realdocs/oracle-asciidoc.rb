# Asciidoctor (Debian's asciidoctor package) as the reference reader of AsciiDoc, the counterpart of
# oracle.py for that format. Per file, one JSON line with 1-based inclusive line ranges:
#   prose: paragraphs, admonitions and list item text; code: listing, literal and passthrough blocks
#   (their delimiter lines included, when they have them). Blocks that come from an included file are left out.
# Usage: ruby oracle-asciidoc.rb FILE...
require 'asciidoctor'
require 'json'
require 'logger'

PROSE = %i[paragraph admonition list_item].freeze
VERBATIM = %i[listing literal pass].freeze
DELIMITER = /\A(?:-{4,}|\.{4,}|\+{4,}|`{3}.*|~{4,})\z/.freeze

def from_this_file?(block, path)
  location = block.source_location
  location && location.lineno && (location.file.nil? || File.expand_path(location.file) == File.expand_path(path))
end

ARGV.each do |path|
  begin
    doc = Asciidoctor.load_file(path, sourcemap: true, safe: :safe, logger: Logger.new(IO::NULL))
  rescue StandardError => e
    puts JSON.generate({ file: path, error: e.message[0, 200] })
    next
  end
  source = File.readlines(path, chomp: true)
  prose = []
  code = []
  doc.find_by { |b| PROSE.include?(b.context) }.each do |b|
    next unless from_this_file?(b, path)

    count = b.context == :list_item ? b.text.to_s.lines.size : b.lines.size
    first = b.source_location.lineno
    # An include the reader cannot resolve becomes an "Unresolved directive" paragraph: not prose.
    next if source[first - 1].to_s.start_with?('include::')
    prose << [first, first + count - 1] if count.positive?
  end
  doc.find_by { |b| VERBATIM.include?(b.context) }.each do |b|
    next unless from_this_file?(b, path)

    first = b.source_location.lineno
    # A delimited block runs to its closing delimiter in this file (its lines may come from an
    # include); an indented literal paragraph has no delimiters, so it is just its own lines.
    delimiter = source[first - 1].to_s.rstrip
    last = if DELIMITER.match?(delimiter)
             closing = (first...source.size).find { |k| source[k].rstrip == delimiter }
             closing ? closing + 1 : source.size
           else
             first + b.lines.size - 1
           end
    code << [first, last]
  end
  puts JSON.generate({ file: path, prose: prose, code: code })
end
