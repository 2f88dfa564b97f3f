/* The Snowball English stemmer ("Porter2"), for the search page: the same algorithm as the
 * index's (the `snowballstemmer` Python package, 3.1.1, that generator/content/search_text.py uses),
 * so a query word and an indexed word meet in one stem (fired, firings → fire). A browser
 * test checks that both give the same stem for every word of the built site.
 *
 * A port to JavaScript of the Python code generated from english.sbl by Snowball 3.1.1
 * (https://snowballstem.org/), with its runtime (basestemmer.py, among.py).
 * Copyright (c) 2001, Dr Martin Porter; Copyright (c) 2004,2005, Richard Boulton;
 * Copyright (c) 2013, Yoshiki Shibukawa; Copyright (c) 2006,2007,2009,2010,2011,2014-2019,
 * Olly Betts. All rights reserved. Redistribution and use in source and binary forms, with
 * or without modification, are permitted provided that the following conditions are met:
 * 1. Redistributions of source code must retain the above copyright notice, this list of
 * conditions and the following disclaimer. 2. Redistributions in binary form must reproduce
 * the above copyright notice, this list of conditions and the following disclaimer in the
 * documentation and/or other materials provided with the distribution. 3. Neither the name
 * of the Snowball project nor the names of its contributors may be used to endorse or
 * promote products derived from this software without specific prior written permission.
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS
 * OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF
 * MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE
 * COPYRIGHT OWNER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL,
 * EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF
 * SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION)
 * HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR
 * TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS
 * SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 *
 * Words are ASCII here (search.js stems only words of ASCII letters and digits), so string
 * indexes are characters as in Python. Defines self.bayyinStemEnglish(word).
 */
(function () {
  "use strict"

  function lab0() {}
  function lab1() {}
  function lab2() {}
  function A(s, substring_i, result) { return { s: s, substring_i: substring_i, result: result } }
  function has(s, ch) { return typeof s === "string" ? s.indexOf(ch) >= 0 : s.has(ch) }

  var current = "", cursor = 0, limit = 0, limit_backward = 0, bra = 0, ket = 0

  function in_grouping(s) {
    if (cursor >= limit || !has(s, current[cursor])) return false
    cursor += 1
    return true
  }
  function go_in_grouping(s) {
    while (cursor < limit) {
      if (!has(s, current[cursor])) return true
      cursor += 1
    }
    return false
  }
  function in_grouping_b(s) {
    if (cursor <= limit_backward || !has(s, current[cursor - 1])) return false
    cursor -= 1
    return true
  }
  function go_in_grouping_b(s) {
    while (cursor > limit_backward) {
      if (!has(s, current[cursor - 1])) return true
      cursor -= 1
    }
    return false
  }
  function out_grouping(s) {
    if (cursor >= limit || has(s, current[cursor])) return false
    cursor += 1
    return true
  }
  function go_out_grouping(s) {
    while (cursor < limit) {
      if (has(s, current[cursor])) return true
      cursor += 1
    }
    return false
  }
  function out_grouping_b(s) {
    if (cursor <= limit_backward || has(s, current[cursor - 1])) return false
    cursor -= 1
    return true
  }
  function go_out_grouping_b(s) {
    while (cursor > limit_backward) {
      if (has(s, current[cursor - 1])) return true
      cursor -= 1
    }
    return false
  }
  function eq_s(s) {
    if (limit - cursor < s.length || current.slice(cursor, cursor + s.length) !== s) return false
    cursor += s.length
    return true
  }
  function eq_s_b(s) {
    if (cursor - limit_backward < s.length || current.slice(cursor - s.length, cursor) !== s) return false
    cursor -= s.length
    return true
  }
  function find_among(v) {
    var i = 0, j = v.length, c = cursor, l = limit, common_i = 0, common_j = 0
    var first_key_inspected = false
    while (true) {
      var k = i + ((j - i) >> 1), diff = 0, common = Math.min(common_i, common_j), w = v[k]
      for (var i2 = common; i2 < w.s.length; i2++) {
        if (c + common === l) { diff = -1; break }
        diff = current.charCodeAt(c + common) - w.s.charCodeAt(i2)
        if (diff !== 0) break
        common += 1
      }
      if (diff < 0) { j = k; common_j = common } else { i = k; common_i = common }
      if (j - i <= 1) {
        if (i > 0 || j === i || first_key_inspected) break
        first_key_inspected = true
      }
    }
    while (true) {
      var found = v[i]
      if (common_i >= found.s.length) {
        cursor = c + found.s.length
        return found.result
      }
      i = found.substring_i
      if (i < 0) return 0
    }
  }
  function find_among_b(v) {
    var i = 0, j = v.length, c = cursor, lb = limit_backward, common_i = 0, common_j = 0
    var first_key_inspected = false
    while (true) {
      var k = i + ((j - i) >> 1), diff = 0, common = Math.min(common_i, common_j), w = v[k]
      for (var i2 = w.s.length - 1 - common; i2 >= 0; i2--) {
        if (c - common === lb) { diff = -1; break }
        diff = current.charCodeAt(c - 1 - common) - w.s.charCodeAt(i2)
        if (diff !== 0) break
        common += 1
      }
      if (diff < 0) { j = k; common_j = common } else { i = k; common_i = common }
      if (j - i <= 1) {
        if (i > 0 || j === i || first_key_inspected) break
        first_key_inspected = true
      }
    }
    while (true) {
      var found = v[i]
      if (common_i >= found.s.length) {
        cursor = c - found.s.length
        return found.result
      }
      i = found.substring_i
      if (i < 0) return 0
    }
  }
  function replace_s(c_bra, c_ket, s) {
    var adjustment = s.length - (c_ket - c_bra)
    current = current.slice(0, c_bra) + s + current.slice(c_ket)
    limit += adjustment
    if (cursor >= c_ket) cursor += adjustment
    else if (cursor > c_bra) cursor = c_bra
    return adjustment
  }
  function slice_from(s) {
    replace_s(bra, ket, s)
    ket = bra + s.length
  }
  function slice_del() { slice_from("") }

  /* Generated part: english.sbl's routines, translated line by line. */
  var g_aeo = "aeo"
  var g_v = new Set(["a", "e", "i", "o", "u", "y"])
  var g_v_WXY = new Set(["Y", "a", "e", "i", "o", "u", "w", "x", "y"])
  var g_valid_LI = new Set(["c", "d", "e", "g", "h", "k", "m", "n", "r", "t"])
  var B_Y_found = false
  var I_p2 = 0
  var I_p1 = 0
  function r_prelude() {
    B_Y_found = false
    var v_1 = cursor
    try {
      bra = cursor
      if (cursor == limit || current[cursor] != "'") {
        throw new lab0()
      }
      cursor += 1
      ket = cursor
      slice_del()
    }
    catch (e) { if (!(e instanceof lab0)) throw e }
    cursor = v_1
    var v_2 = cursor
    try {
      bra = cursor
      if (cursor == limit || current[cursor] != "y") {
        throw new lab0()
      }
      cursor += 1
      ket = cursor
      slice_from("Y")
      B_Y_found = true
    }
    catch (e) { if (!(e instanceof lab0)) throw e }
    cursor = v_2
    var v_3 = cursor
    try {
      while (true) {
        var v_4 = cursor
        try {
          while (true) {
            var v_5 = cursor
            try {
              if (!in_grouping(g_v)) {
                throw new lab2()
              }
              bra = cursor
              if (cursor == limit || current[cursor] != "y") {
                throw new lab2()
              }
              cursor += 1
              ket = cursor
              cursor = v_5
              break
            }
            catch (e) { if (!(e instanceof lab2)) throw e }
            cursor = v_5
            if (cursor >= limit) {
              throw new lab1()
            }
            cursor += 1
          }
          slice_from("Y")
          B_Y_found = true
          continue
        }
        catch (e) { if (!(e instanceof lab1)) throw e }
        cursor = v_4
        break
      }
    }
    catch (e) { if (!(e instanceof lab0)) throw e }
    cursor = v_3
    return true
  }
  function r_mark_regions() {
    I_p1 = limit
    I_p2 = limit
    var v_1 = cursor
    try {
      while (true) {
        var v_2 = cursor
        try {
          if (find_among(a_0) == 0) {
            throw new lab1()
          }
          break
        }
        catch (e) { if (!(e instanceof lab1)) throw e }
        cursor = v_2
        if (!go_out_grouping(g_v)) {
          throw new lab0()
        }
        cursor += 1
        if (!go_in_grouping(g_v)) {
          throw new lab0()
        }
        cursor += 1
        break
      }
      I_p1 = cursor
      if (!go_out_grouping(g_v)) {
        throw new lab0()
      }
      cursor += 1
      if (!go_in_grouping(g_v)) {
        throw new lab0()
      }
      cursor += 1
      I_p2 = cursor
    }
    catch (e) { if (!(e instanceof lab0)) throw e }
    cursor = v_1
    return true
  }
  function r_shortv() {
    while (true) {
      var v_1 = limit - cursor
      try {
        if (!out_grouping_b(g_v_WXY)) {
          throw new lab0()
        }
        if (!in_grouping_b(g_v)) {
          throw new lab0()
        }
        if (!out_grouping_b(g_v)) {
          throw new lab0()
        }
        break
      }
      catch (e) { if (!(e instanceof lab0)) throw e }
      cursor = limit - v_1
      try {
        if (!out_grouping_b(g_v)) {
          throw new lab0()
        }
        if (!in_grouping_b(g_v)) {
          throw new lab0()
        }
        if (cursor > limit_backward) {
          throw new lab0()
        }
        break
      }
      catch (e) { if (!(e instanceof lab0)) throw e }
      cursor = limit - v_1
      if (!eq_s_b("past")) {
        return false
      }
      break
    }
    return true
  }
  function r_R1() {
    return I_p1 <= cursor
  }
  function r_R2() {
    return I_p2 <= cursor
  }
  function r_Step_1a() {
    var v_1 = limit - cursor
    try {
      ket = cursor
      if (find_among_b(a_1) == 0) {
        cursor = limit - v_1
        throw new lab0()
      }
      bra = cursor
      slice_del()
    }
    catch (e) { if (!(e instanceof lab0)) throw e }
    ket = cursor
    var among_var = find_among_b(a_2)
    if (among_var == 0) {
      return false
    }
    bra = cursor
    if (among_var == 1) {
      slice_from("ss")
    }
    else if (among_var == 2) {
      while (true) {
        var v_2 = limit - cursor
        try {
          if (cursor - 2 < limit_backward) {
            throw new lab0()
          }
          cursor -= 2
          slice_from("i")
          break
        }
        catch (e) { if (!(e instanceof lab0)) throw e }
        cursor = limit - v_2
        slice_from("ie")
        break
      }
    }
    else if (among_var == 3) {
      if (cursor <= limit_backward) {
        return false
      }
      cursor -= 1
      if (!go_out_grouping_b(g_v)) {
        return false
      }
      cursor -= 1
      slice_del()
    }
    return true
  }
  function r_Step_1b() {
    ket = cursor
    var among_var = find_among_b(a_5)
    bra = cursor
    while (true) {
      var v_1 = limit - cursor
      try {
        if (among_var == 1) {
          var v_2 = limit - cursor
          try {
            if (!r_R1()) {
              throw new lab1()
            }
            while (true) {
              var v_3 = limit - cursor
              try {
                if (find_among_b(a_3) == 0) {
                  throw new lab2()
                }
                if (cursor > limit_backward) {
                  throw new lab2()
                }
                break
              }
              catch (e) { if (!(e instanceof lab2)) throw e }
              cursor = limit - v_3
              slice_from("ee")
              break
            }
          }
          catch (e) { if (!(e instanceof lab1)) throw e }
          cursor = limit - v_2
        }
        else if (among_var == 2) {
          throw new lab0()
        }
        else if (among_var == 3) {
          var among_var = find_among_b(a_4)
          if (among_var == 0) {
            throw new lab0()
          }
          if (among_var == 1) {
            var v_4 = limit - cursor
            if (!out_grouping_b(g_v)) {
              throw new lab0()
            }
            if (cursor > limit_backward) {
              throw new lab0()
            }
            cursor = limit - v_4
            bra = cursor
            slice_from("ie")
          }
          else {
            if (cursor > limit_backward) {
              throw new lab0()
            }
          }
        }
        break
      }
      catch (e) { if (!(e instanceof lab0)) throw e }
      cursor = limit - v_1
      var v_5 = limit - cursor
      if (!go_out_grouping_b(g_v)) {
        return false
      }
      cursor -= 1
      cursor = limit - v_5
      slice_del()
      ket = cursor
      bra = cursor
      var v_6 = limit - cursor
      var among_var = find_among_b(a_6)
      if (among_var == 1) {
        slice_from("e")
        return false
      }
      else if (among_var == 2) {
        var v_7 = limit - cursor
        try {
          if (!in_grouping_b(g_aeo)) {
            throw new lab0()
          }
          if (cursor > limit_backward) {
            throw new lab0()
          }
          return false
        }
        catch (e) { if (!(e instanceof lab0)) throw e }
        cursor = limit - v_7
      }
      else {
        if (cursor != I_p1) {
          return false
        }
        var v_8 = limit - cursor
        if (!r_shortv()) {
          return false
        }
        cursor = limit - v_8
        slice_from("e")
        return false
      }
      cursor = limit - v_6
      ket = cursor
      if (cursor <= limit_backward) {
        return false
      }
      cursor -= 1
      bra = cursor
      slice_del()
      break
    }
    return true
  }
  function r_Step_1c() {
    ket = cursor
    while (true) {
      try {
        if (cursor <= limit_backward || current[cursor - 1] != "y") {
          throw new lab0()
        }
        cursor -= 1
        break
      }
      catch (e) { if (!(e instanceof lab0)) throw e }
      if (cursor <= limit_backward || current[cursor - 1] != "Y") {
        return false
      }
      cursor -= 1
      break
    }
    bra = cursor
    if (!out_grouping_b(g_v)) {
      return false
    }
    if (cursor <= limit_backward) {
      return false
    }
    slice_from("i")
    return true
  }
  function r_Step_2() {
    ket = cursor
    var among_var = find_among_b(a_7)
    if (among_var == 0) {
      return false
    }
    bra = cursor
    if (!r_R1()) {
      return false
    }
    if (among_var == 1) {
      slice_from("tion")
    }
    else if (among_var == 2) {
      slice_from("ence")
    }
    else if (among_var == 3) {
      slice_from("ance")
    }
    else if (among_var == 4) {
      slice_from("able")
    }
    else if (among_var == 5) {
      slice_from("ent")
    }
    else if (among_var == 6) {
      slice_from("ize")
    }
    else if (among_var == 7) {
      slice_from("ate")
    }
    else if (among_var == 8) {
      slice_from("al")
    }
    else if (among_var == 9) {
      slice_from("ful")
    }
    else if (among_var == 10) {
      slice_from("ous")
    }
    else if (among_var == 11) {
      slice_from("ive")
    }
    else if (among_var == 12) {
      slice_from("ble")
    }
    else if (among_var == 13) {
      slice_from("og")
    }
    else if (among_var == 14) {
      if (cursor <= limit_backward || current[cursor - 1] != "l") {
        return false
      }
      cursor -= 1
      slice_from("og")
    }
    else if (among_var == 15) {
      slice_from("less")
    }
    else {
      if (!in_grouping_b(g_valid_LI)) {
        return false
      }
      slice_del()
    }
    return true
  }
  function r_Step_3() {
    ket = cursor
    var among_var = find_among_b(a_8)
    if (among_var == 0) {
      return false
    }
    bra = cursor
    if (!r_R1()) {
      return false
    }
    if (among_var == 1) {
      slice_from("tion")
    }
    else if (among_var == 2) {
      slice_from("ate")
    }
    else if (among_var == 3) {
      slice_from("al")
    }
    else if (among_var == 4) {
      slice_from("ic")
    }
    else if (among_var == 5) {
      slice_del()
    }
    else {
      if (!r_R2()) {
        return false
      }
      slice_del()
    }
    return true
  }
  function r_Step_4() {
    ket = cursor
    var among_var = find_among_b(a_9)
    if (among_var == 0) {
      return false
    }
    bra = cursor
    if (!r_R2()) {
      return false
    }
    if (among_var == 1) {
      slice_del()
    }
    else {
      while (true) {
        try {
          if (cursor <= limit_backward || current[cursor - 1] != "s") {
            throw new lab0()
          }
          cursor -= 1
          break
        }
        catch (e) { if (!(e instanceof lab0)) throw e }
        if (cursor <= limit_backward || current[cursor - 1] != "t") {
          return false
        }
        cursor -= 1
        break
      }
      slice_del()
    }
    return true
  }
  function r_Step_5() {
    ket = cursor
    var among_var = find_among_b(a_10)
    if (among_var == 0) {
      return false
    }
    bra = cursor
    if (among_var == 1) {
      while (true) {
        try {
          if (!r_R2()) {
            throw new lab0()
          }
          break
        }
        catch (e) { if (!(e instanceof lab0)) throw e }
        if (!r_R1()) {
          return false
        }
        var v_1 = limit - cursor
        try {
          if (!r_shortv()) {
            throw new lab0()
          }
          return false
        }
        catch (e) { if (!(e instanceof lab0)) throw e }
        cursor = limit - v_1
        break
      }
      slice_del()
    }
    else {
      if (!r_R2()) {
        return false
      }
      if (cursor <= limit_backward || current[cursor - 1] != "l") {
        return false
      }
      cursor -= 1
      slice_del()
    }
    return true
  }
  function r_exception1() {
    bra = cursor
    var among_var = find_among(a_11)
    if (among_var == 0) {
      return false
    }
    ket = cursor
    if (cursor < limit) {
      return false
    }
    if (among_var > 0) {
      slice_from(as_11[among_var - 1])
    }
    return true
  }
  function r_postlude() {
    if (!B_Y_found) {
      return false
    }
    while (true) {
      var v_1 = cursor
      try {
        while (true) {
          var v_2 = cursor
          try {
            bra = cursor
            if (cursor == limit || current[cursor] != "Y") {
              throw new lab1()
            }
            cursor += 1
            ket = cursor
            cursor = v_2
            break
          }
          catch (e) { if (!(e instanceof lab1)) throw e }
          cursor = v_2
          if (cursor >= limit) {
            throw new lab0()
          }
          cursor += 1
        }
        slice_from("y")
        continue
      }
      catch (e) { if (!(e instanceof lab0)) throw e }
      cursor = v_1
      break
    }
    return true
  }
  function _stem() {
    while (true) {
      var v_1 = cursor
      try {
        if (!r_exception1()) {
          throw new lab0()
        }
        break
      }
      catch (e) { if (!(e instanceof lab0)) throw e }
      cursor = v_1
      try {
        try {
          if (cursor + 3 > limit) {
            throw new lab1()
          }
          cursor += 3
          throw new lab0()
        }
        catch (e) { if (!(e instanceof lab1)) throw e }
        break
      }
      catch (e) { if (!(e instanceof lab0)) throw e }
      cursor = v_1
      r_prelude()
      r_mark_regions()
      limit_backward = cursor
      cursor = limit
      var v_2 = limit - cursor
      r_Step_1a()
      cursor = limit - v_2
      var v_3 = limit - cursor
      r_Step_1b()
      cursor = limit - v_3
      var v_4 = limit - cursor
      r_Step_1c()
      cursor = limit - v_4
      var v_5 = limit - cursor
      r_Step_2()
      cursor = limit - v_5
      var v_6 = limit - cursor
      r_Step_3()
      cursor = limit - v_6
      var v_7 = limit - cursor
      r_Step_4()
      cursor = limit - v_7
      var v_8 = limit - cursor
      r_Step_5()
      cursor = limit - v_8
      cursor = limit_backward
      var v_9 = cursor
      r_postlude()
      cursor = v_9
      break
    }
    return true
  }
  var a_0 = [A("arsen", -1, -1), A("commun", -1, -1), A("emerg", -1, -1), A("gener", -1, -1), A("inter", -1, -1), A("later", -1, -1), A("organ", -1, -1), A("past", -1, -1), A("univers", -1, -1)]
  var a_1 = [A("'", -1, 1), A("'s'", 0, 1), A("'s", -1, 1)]
  var a_2 = [A("ied", -1, 2), A("s", -1, 3), A("ies", 1, 2), A("sses", 1, 1), A("ss", 1, -1), A("us", 1, -1)]
  var a_3 = [A("succ", -1, 1), A("proc", -1, 1), A("exc", -1, 1)]
  var a_4 = [A("even", -1, 2), A("cann", -1, 2), A("inn", -1, 2), A("earr", -1, 2), A("herr", -1, 2), A("out", -1, 2), A("y", -1, 1)]
  var a_5 = [A("", -1, -1), A("ed", 0, 2), A("eed", 1, 1), A("ing", 0, 3), A("edly", 0, 2), A("eedly", 4, 1), A("ingly", 0, 2)]
  var a_6 = [A("", -1, 3), A("bb", 0, 2), A("dd", 0, 2), A("ff", 0, 2), A("gg", 0, 2), A("bl", 0, 1), A("mm", 0, 2), A("nn", 0, 2), A("pp", 0, 2), A("rr", 0, 2), A("at", 0, 1), A("tt", 0, 2), A("iz", 0, 1)]
  var a_7 = [A("anci", -1, 3), A("enci", -1, 2), A("ogi", -1, 14), A("li", -1, 16), A("bli", 3, 12), A("abli", 4, 4), A("alli", 3, 8), A("fulli", 3, 9), A("lessli", 3, 15), A("ousli", 3, 10), A("entli", 3, 5), A("aliti", -1, 8), A("biliti", -1, 12), A("iviti", -1, 11), A("tional", -1, 1), A("ational", 14, 7), A("alism", -1, 8), A("ation", -1, 7), A("ization", 17, 6), A("izer", -1, 6), A("ator", -1, 7), A("iveness", -1, 11), A("fulness", -1, 9), A("ousness", -1, 10), A("ogist", -1, 13)]
  var a_8 = [A("icate", -1, 4), A("ative", -1, 6), A("alize", -1, 3), A("iciti", -1, 4), A("ical", -1, 4), A("tional", -1, 1), A("ational", 5, 2), A("ful", -1, 5), A("ness", -1, 5)]
  var a_9 = [A("ic", -1, 1), A("ance", -1, 1), A("ence", -1, 1), A("able", -1, 1), A("ible", -1, 1), A("ate", -1, 1), A("ive", -1, 1), A("ize", -1, 1), A("iti", -1, 1), A("al", -1, 1), A("ism", -1, 1), A("ion", -1, 2), A("er", -1, 1), A("ous", -1, 1), A("ant", -1, 1), A("ent", -1, 1), A("ment", 15, 1), A("ement", 16, 1)]
  var a_10 = [A("e", -1, 1), A("l", -1, 2)]
  var a_11 = [A("andes", -1, -1), A("atlas", -1, -1), A("bias", -1, -1), A("cosmos", -1, -1), A("early", -1, 6), A("gently", -1, 4), A("howe", -1, -1), A("idly", -1, 3), A("news", -1, -1), A("only", -1, 7), A("singly", -1, 8), A("skies", -1, 2), A("skis", -1, 1), A("sky", -1, -1), A("ugly", -1, 5)]
  var as_11 = ["ski", "sky", "idl", "gentl", "ugli", "earli", "onli", "singl"]

  self.bayyinStemEnglish = function (word) {
    current = word
    cursor = 0
    limit = word.length
    limit_backward = 0
    bra = 0
    ket = limit
    _stem()
    return current
  }
})()
